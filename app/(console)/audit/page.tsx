import { titled } from '../_server/page-title';
import { AuditQueuePage } from './audit-queue-page';

export const generateMetadata = titled('nav.auditQueue');

export default function Page() {
  return <AuditQueuePage />;
}

import { AdminOnly } from '../../_shell/admin-only';
import { titled } from '../../_server/page-title';
import { AuditLogPage } from './audit-log-page';

export const generateMetadata = titled('audit.title');

export default function Page() {
  return (
    <AdminOnly>
      <AuditLogPage />
    </AdminOnly>
  );
}

import { titled } from '../_server/page-title';
import { DeploymentsPage } from './deployments-page';

export const generateMetadata = titled('nav.deployments');

export default function Page() {
  return <DeploymentsPage />;
}

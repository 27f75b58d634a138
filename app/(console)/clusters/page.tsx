import { titled } from '../_server/page-title';
import { ClustersPage } from './clusters-page';

export const generateMetadata = titled('clusters.title');

export default function Page() {
  return <ClustersPage />;
}

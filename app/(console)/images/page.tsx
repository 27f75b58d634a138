import { titled } from '../_server/page-title';
import { WorkspacesPage } from './workspaces-page';

export const generateMetadata = titled('images.workspaces.title');

export default function Page() {
  return <WorkspacesPage />;
}

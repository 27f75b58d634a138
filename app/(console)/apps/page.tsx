import { titled } from '../_server/page-title';
import { AppsPage } from './apps-page';

export const generateMetadata = titled('apps.title');

export default function Page() {
  return <AppsPage />;
}

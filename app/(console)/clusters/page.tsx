import { AreaPage } from '../_shell/area-page';
import { titled } from '../_server/page-title';

export const generateMetadata = titled('nav.clusters');

export default function Page() {
  return <AreaPage area="clusters" icon="clusters" />;
}

import { AreaPage } from '../_shell/area-page';
import { titled } from '../_server/page-title';

export const generateMetadata = titled('nav.storage');

export default function Page() {
  return <AreaPage area="storage" icon="storage" />;
}

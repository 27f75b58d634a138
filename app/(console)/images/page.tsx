import { AreaPage } from '../_shell/area-page';
import { titled } from '../_server/page-title';

export const generateMetadata = titled('nav.images');

export default function Page() {
  return <AreaPage area="images" icon="images" />;
}

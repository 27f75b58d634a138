import { AreaPage } from '../_shell/area-page';
import { titled } from '../_server/page-title';

export const generateMetadata = titled('nav.namespaces');

export default function Page() {
  return <AreaPage area="namespaces" icon="namespaces" />;
}

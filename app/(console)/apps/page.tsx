import { AreaPage } from '../_shell/area-page';
import { titled } from '../_server/page-title';

export const generateMetadata = titled('nav.applications');

export default function Page() {
  return <AreaPage area="applications" icon="applications" />;
}

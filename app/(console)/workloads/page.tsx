import { AreaPage } from '../_shell/area-page';
import { titled } from '../_server/page-title';

export const generateMetadata = titled('nav.workloads');

export default function Page() {
  return <AreaPage area="workloads" icon="workloads" />;
}

import { AdminOnly } from '../../_shell/admin-only';
import { titled } from '../../_server/page-title';
import { DepartmentsPage } from './departments-page';

export const generateMetadata = titled('departments.title');

export default function Page() {
  return (
    <AdminOnly>
      <DepartmentsPage />
    </AdminOnly>
  );
}

import { AdminOnly } from '../../_shell/admin-only';
import { titled } from '../../_server/page-title';
import { UsersPage } from './users-page';

export const generateMetadata = titled('users.title');

export default function Page() {
  return (
    <AdminOnly>
      <UsersPage />
    </AdminOnly>
  );
}

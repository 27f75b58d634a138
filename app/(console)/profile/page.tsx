import { titled } from '../_server/page-title';
import { ProfilePage } from './profile-page';

export const generateMetadata = titled('profile.title');

export default function Page() {
  return <ProfilePage />;
}

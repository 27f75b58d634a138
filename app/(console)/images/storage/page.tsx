import { titled } from '../../_server/page-title';
import { StoragePage } from './storage-page';

export const generateMetadata = titled('images.storage.title');

export default function Page() {
  return <StoragePage />;
}

import { titled } from '../../_server/page-title';
import { RegistriesPage } from './registries-page';

export const generateMetadata = titled('images.registries.title');

export default function Page() {
  return <RegistriesPage />;
}

import { titled } from '../../_server/page-title';
import { NewAppPage } from './new-app-page';

export const generateMetadata = titled('apps.form.titleNew');

/** `?app=<name>`: a new version of that application, prefilled from its latest version. */
export default async function Page({ searchParams }: { searchParams: Promise<{ app?: string }> }) {
  const { app } = await searchParams;
  return <NewAppPage app={typeof app === 'string' && app ? app : null} />;
}

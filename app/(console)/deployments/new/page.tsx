import { titled } from '../../_server/page-title';
import { RequestDeploymentPage } from './request-page';

export const generateMetadata = titled('deployForm.title');

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  return <RequestDeploymentPage app={one(q.app)} version={one(q.version)} />;
}

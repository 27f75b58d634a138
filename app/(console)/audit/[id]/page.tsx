import { titled } from '../../_server/page-title';
import { RequestPage } from './request-page';

export const generateMetadata = titled('nav.auditQueue');

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RequestPage id={Number(id)} />;
}

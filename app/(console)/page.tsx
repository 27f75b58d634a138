import { titled } from './_server/page-title';
import { Overview } from './overview';

export const generateMetadata = titled('overview.title');

export default function OverviewPage() {
  return <Overview />;
}

import { titled } from '../../_server/page-title';
import { ProjectsPage } from './projects-page';

export const generateMetadata = titled('projects.title');

/** Open to everyone: the API lists only the projects the caller may see; actions are for administrators. */
export default function Page() {
  return <ProjectsPage />;
}

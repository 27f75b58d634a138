import type { Ctx } from '../context';
import { listAppVersions } from '../catalog/list';
import { owningProject } from '../catalog/project';
import { projectClusters } from './targets';
import { getDeployment, listRequests, type DeploymentView, type RequestView } from './list';
import { editable } from './states';

export interface DeploymentPage {
  deployment: DeploymentView & { history: string[]; editable: boolean };
  /** Every request of the deployment, oldest first: its timeline. */
  requests: RequestView[];
  /** Versions of its application (spec versions; charts cannot be deployed yet), highest version first. */
  versions: { version: string; image: string | null; createdAt: Date }[];
  /** Versions a rollback may go to: ones a request settled on 5 or 6, other than the current one. */
  rollbackTo: string[];
}

/** What a deployment's console page shows, in one read: the deployment, its timeline, the versions it may move to. */
export async function deploymentPage(ctx: Ctx, seq: number): Promise<DeploymentPage> {
  const d = await getDeployment(ctx, seq);
  const { items: requests } = await listRequests(ctx, { deployId: seq, pageSize: 0, order: 'asc' });
  const { items } = await listAppVersions(ctx, { appName: d.appName, appNameMode: 'strict', pageSize: 0, orderBy: 'version' });
  const versions = items
    .filter((v) => v.projectName === d.projectName && v.kind === 'spec')
    .map((v) => ({ version: v.version, image: v.spec?.image ?? null, createdAt: v.createdAt }));
  return {
    deployment: { ...d, editable: editable(d.status) && !d.deletedAt },
    requests,
    versions,
    rollbackTo: d.history.filter((v) => v !== d.version),
  };
}

export interface DeployOptions {
  project: string;
  /** Deployable (spec) versions of the project's applications, highest version first. */
  versions: { appName: string; version: string; image: string | null }[];
  /** Clusters the project may deploy to, with their labels (for the selector). */
  clusters: { name: string; labels: Record<string, string> }[];
}

/** What the request form offers: the project's versions and the clusters it may use. */
export async function deployOptions(ctx: Ctx, projectName?: string): Promise<DeployOptions> {
  const project = await owningProject(ctx, projectName);
  const { items } = await listAppVersions(ctx, { pageSize: 0, projectName: project.name, orderBy: 'version' });
  const versions = items
    .filter((v) => v.projectId === project.id && v.kind === 'spec')
    .map((v) => ({ appName: v.appName, version: v.version, image: v.spec?.image ?? null }));
  const clusters = (await projectClusters(ctx.db, project.departmentId)).map((c) => ({ name: c.name, labels: c.labels }));
  return { project: project.name, versions, clusters };
}

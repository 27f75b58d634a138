import type { Ctx } from '../context';
import { listAppVersions } from '../catalog/list';
import { getDeployment, listRequests, type DeploymentView, type RequestView } from './list';
import { editable } from './states';

export interface DeploymentPage {
  deployment: DeploymentView & { history: string[]; editable: boolean };
  /** Every request of the deployment, oldest first: its timeline. */
  requests: RequestView[];
  /** Versions of its application (spec versions; charts cannot be deployed yet), newest first. */
  versions: { version: string; image: string | null; createdAt: Date }[];
  /** Versions a rollback may go to: ones a request settled on 5 or 6, other than the current one. */
  rollbackTo: string[];
}

/** What a deployment's console page shows, in one read: the deployment, its timeline, the versions it may move to. */
export async function deploymentPage(ctx: Ctx, seq: number): Promise<DeploymentPage> {
  const d = await getDeployment(ctx, seq);
  const { items: requests } = await listRequests(ctx, { deployId: seq, pageSize: 0, order: 'asc' });
  const { items } = await listAppVersions(ctx, { appName: d.appName, appNameMode: 'strict', pageSize: 0 });
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

import { eq } from 'drizzle-orm';
import { apps, appVersions, deployments, deployRequests, type AppVersionRow, type DeploymentRow } from '@/db/schema';
import type { Ctx } from '../context';
import { Forbidden, NotFound, PierError } from '../errors';
import { resolveImage } from '../images/resolve';
import { diffObjects, type ObjectDiff } from './diff';
import { liveObjects, clientsOf } from './kube';
import { objectsOf, type KubeObj } from './objects';
import { mayDecide } from './scope';
import { DeployType } from './states';
import { nodeSelectorOf } from './targets';

export interface ClusterDiff {
  cluster: string;
  objects: ObjectDiff[];
  /** Set when the cluster could not be read. */
  error?: string;
}

export interface RequestDiff {
  id: number;
  image: string | null;
  /** The version names an image Pier's catalog lacks: the simulated kubelet will not pull it. */
  pullWarning: string | null;
  clusters: ClusterDiff[];
}

/** The objects a version would run on each cluster, against what runs there now (`desired` empty: a removal). */
export async function diffOnClusters(
  ctx: Ctx,
  d: DeploymentRow,
  appName: string,
  v: AppVersionRow | undefined,
  from: AppVersionRow | undefined,
  clusters: string[],
): Promise<{ image: string | null; pullWarning: string | null; clusters: ClusterDiff[] }> {
  const target = (version: string) => ({ deployName: d.name, namespace: d.namespace, appName, version, deployId: d.seq, nodeSelector: nodeSelectorOf(d.nodeLabel) });
  const desired: KubeObj[] = !v?.spec ? [] : objectsOf(v.spec, target(v.version));
  const previous: KubeObj[] = from?.spec ? objectsOf(from.spec, target(from.version)) : [];
  const hpa = v?.spec?.isHPA ?? false;
  const out: ClusterDiff[] = [];
  for (const cluster of clusters) {
    try {
      const live = await liveObjects(await clientsOf(ctx.db, cluster), d.namespace, d.name);
      out.push({ cluster, objects: diffObjects(live, desired, previous, (o) => (hpa && o.kind === 'Deployment' ? ['spec.replicas'] : [])) });
    } catch (err) {
      if (!(err instanceof PierError)) throw err;
      out.push({ cluster, objects: diffObjects([], desired), error: err.message });
    }
  }
  const image = v?.spec?.image ?? null;
  const pullWarning = image && !(await resolveImage(ctx.db, image))
    ? `image "${image}" is not in Pier's image catalog: clusters pulling from it will report ErrImagePull`
    : null;
  return { image, pullWarning, clusters: out };
}

/**
 * What approving a request would change, per target cluster: the objects
 * that run now against those the request's version would run (a delete:
 * against nothing). For the audit page; readable by those who may decide.
 */
export async function requestDiff(ctx: Ctx, seq: number): Promise<RequestDiff> {
  const u = ctx.user;
  if (u.role !== 'system_admin' && u.role !== 'admin') throw new Forbidden('only a department administrator or a system administrator may audit deployments');
  const [r] = await ctx.db.select().from(deployRequests).where(eq(deployRequests.seq, seq)).limit(1);
  if (!r || !mayDecide(u, r.departmentId)) throw new NotFound(`request ${seq}`, `deployment request ${seq} not found`);
  const [d] = await ctx.db.select().from(deployments).where(eq(deployments.id, r.deploymentId));
  const [{ appName }] = await ctx.db.select({ appName: apps.name }).from(apps).where(eq(apps.id, d.appId));
  const [v] = await ctx.db.select().from(appVersions).where(eq(appVersions.id, r.versionId));
  const from = r.fromVersionId ? (await ctx.db.select().from(appVersions).where(eq(appVersions.id, r.fromVersionId)))[0] : undefined;
  const diff = await diffOnClusters(ctx, d, appName, r.type === DeployType.delete ? undefined : v, from, r.clusters);
  // A delete pulls nothing, but the reader still wants to know which image goes away.
  return { id: r.seq, ...diff, image: v.spec?.image ?? null };
}

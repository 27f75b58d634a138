import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apps, deployments, deployRequests, projects, type DeploymentRow } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import type { Ctx } from '../context';
import { Conflict } from '../errors';
import { mutate, recordAudit } from '../audit/record';
import { findAppVersion } from '../catalog/list';
import { assertMayWrite, owningProject } from '../catalog/project';
import type { AppVersionView } from '../catalog/view';
import { versionsByIds } from '../catalog/view';
import { mayDecide, requireDeployment } from './scope';
import { DeployStatus, DeployType, OPEN_STATUSES, RAN_STATUSES } from './states';
import { nodeSelectorOf, resolveClusters } from './targets';

export const CHART_REFUSED = 'deploying a chart version is not supported yet: it comes with a later issue; deploy a spec version';

function assertDeployable(v: AppVersionView): void {
  if (v.kind === 'chart') throw new Conflict(CHART_REFUSED);
}

const isUniqueViolation = (err: unknown) => {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) if ((e as { code?: string }).code === '23505') return true;
  return false;
};

/** Inserts the request; an administrator's own request is approved at once, and recorded so. */
async function insertRequest(ctx: Ctx, tx: Db, d: DeploymentRow, departmentId: string, type: number, versionId: string, fromVersionId: string | null, comment: string, clusters: string[]) {
  const now = ctx.clock.now();
  const auto = mayDecide(ctx.user, departmentId);
  const status = auto ? DeployStatus.approved : DeployStatus.pending;
  const auditComment = auto ? 'approved on request: the requester administers this department' : '';
  let row;
  try {
    [row] = await tx.insert(deployRequests).values({
      id: newId(), deploymentId: d.id, departmentId, type, versionId, fromVersionId, status, comment, auditComment,
      requestedBy: ctx.user.name, decidedBy: auto ? ctx.user.name : null, decidedAt: auto ? now : null, clusters,
      progress: clusters.map((c) => ({ cluster: c, applied: false, ready: false, running: 0, error: 0, total: 0 })),
      createdAt: now, updatedAt: now,
    }).returning();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`deployment "${d.name}" already has a request pending or rolling out`);
    throw err;
  }
  await tx.update(deployments).set({ status, deployType: type, auditComment, updatedAt: now }).where(eq(deployments.id, d.id));
  await recordAudit(ctx, tx, {
    action: ['', 'request_new', 'request_upgrade', 'request_rollback', 'request_delete'][type], resourceType: 'deployment',
    resourceId: d.id, resourceName: d.name, projectId: d.projectId, departmentId,
    after: { request: row.seq, type, status, versionId, clusters, comment },
  });
  return row;
}

export interface NewDeployment {
  deployName: string;
  appName: string;
  version: string;
  cluster: string;
  nodeLabel: string;
  comment: string;
  projectName?: string;
}

/** `POST /v1/deploy`: a new deployment and its first request. */
export async function requestDeployment(ctx: Ctx, input: NewDeployment) {
  assertMayWrite(ctx, 'deployments');
  const project = await owningProject(ctx, input.projectName);
  const version = await findAppVersion(ctx, input.appName, input.version, project.id);
  assertDeployable(version);
  nodeSelectorOf(input.nodeLabel);
  const clusters = await resolveClusters(ctx.db, project.departmentId, input.cluster);
  return mutate(ctx, async (tx) => {
    const now = ctx.clock.now();
    const [d] = await tx.insert(deployments).values({
      id: newId(), projectId: project.id, name: input.deployName, appId: version.appId, versionId: version.id,
      cluster: input.cluster, nodeLabel: input.nodeLabel, namespace: project.name, comment: input.comment,
      deployType: DeployType.new, status: DeployStatus.pending, createdBy: ctx.user.name, createdAt: now, updatedAt: now,
    }).onConflictDoNothing().returning();
    if (!d) throw new Conflict(`deployName "${input.deployName}" is taken in project ${project.name}`);
    const r = await insertRequest(ctx, tx, d, project.departmentId, DeployType.new, version.id, null, input.comment, clusters);
    return { deployment: d, request: r };
  });
}

async function departmentOf(db: Db, projectId: string): Promise<string> {
  const [p] = await db.select({ d: projects.departmentId }).from(projects).where(eq(projects.id, projectId));
  return p.d;
}

async function versionOfDeployment(ctx: Ctx, d: DeploymentRow, version: string): Promise<AppVersionView> {
  const [app] = await ctx.db.select({ name: apps.name }).from(apps).where(eq(apps.id, d.appId));
  const v = await findAppVersion(ctx, app.name, version, d.projectId);
  assertDeployable(v);
  return v;
}

function assertLive(d: DeploymentRow): void {
  if (d.deletedAt) throw new Conflict(`deployment "${d.name}" was deleted`);
}

async function assertNoOpenRequest(db: Db, d: DeploymentRow): Promise<void> {
  const [open] = await db.select({ seq: deployRequests.seq }).from(deployRequests)
    .where(and(eq(deployRequests.deploymentId, d.id), inArray(deployRequests.status, OPEN_STATUSES))).limit(1);
  if (open) throw new Conflict(`deployment "${d.name}" already has a request pending or rolling out (request ${open.seq})`);
}

/** `POST /v1/deploy/id/{deployId}`: upgrade to another version of the same application. */
export async function requestUpgrade(ctx: Ctx, seq: number, input: { version: string; comment: string }) {
  assertMayWrite(ctx, 'deployments');
  const d = await requireDeployment(ctx, { seq });
  assertLive(d);
  const v = await versionOfDeployment(ctx, d, input.version);
  if (v.id === d.versionId) throw new Conflict(`deployment "${d.name}" already runs version ${input.version}`);
  await assertNoOpenRequest(ctx.db, d);
  const departmentId = await departmentOf(ctx.db, d.projectId);
  const clusters = await resolveClusters(ctx.db, departmentId, d.cluster);
  return mutate(ctx, (tx) => insertRequest(ctx, tx, d, departmentId, DeployType.upgrade, v.id, d.versionId, input.comment, clusters));
}

/** Versions this deployment ran (a rollout that succeeded, fully or partly), oldest first. */
export async function versionsRan(db: Db, deploymentId: string): Promise<AppVersionView[]> {
  const rows = await db.select({ v: deployRequests.versionId }).from(deployRequests)
    .where(and(eq(deployRequests.deploymentId, deploymentId), inArray(deployRequests.status, RAN_STATUSES), inArray(deployRequests.type, [1, 2, 3])))
    .orderBy(deployRequests.seq);
  const ids = [...new Set(rows.map((r) => r.v))];
  const views = await versionsByIds(db, ids);
  return ids.map((id) => views.find((v) => v.id === id)!).filter(Boolean);
}

/** `PUT /v1/deploy/id/{deployId}`: back to a version this deployment ran before. */
export async function requestRollback(ctx: Ctx, seq: number, input: { version: string; comment: string }) {
  assertMayWrite(ctx, 'deployments');
  const d = await requireDeployment(ctx, { seq });
  assertLive(d);
  const v = await versionOfDeployment(ctx, d, input.version);
  if (v.id === d.versionId) throw new Conflict(`deployment "${d.name}" already runs version ${input.version}`);
  if (!(await versionsRan(ctx.db, d.id)).some((r) => r.id === v.id)) {
    throw new Conflict(`deployment "${d.name}" never ran version ${input.version}; rollback goes to a version it ran before (upgrade otherwise)`);
  }
  await assertNoOpenRequest(ctx.db, d);
  const departmentId = await departmentOf(ctx.db, d.projectId);
  const clusters = await resolveClusters(ctx.db, departmentId, d.cluster);
  return mutate(ctx, (tx) => insertRequest(ctx, tx, d, departmentId, DeployType.rollback, v.id, d.versionId, input.comment, clusters));
}

/** `DELETE /v1/deploy/{deployName}` and `/v1/deploy/id/{deployId}`: removal goes through the audit queue too. */
export async function requestDelete(ctx: Ctx, by: { seq: number } | { name: string }, comment = '') {
  assertMayWrite(ctx, 'deployments');
  const d = await requireDeployment(ctx, by);
  assertLive(d);
  await assertNoOpenRequest(ctx.db, d);
  const departmentId = await departmentOf(ctx.db, d.projectId);
  const [{ clusters }] = await ctx.db.select({ clusters: deployRequests.clusters }).from(deployRequests)
    .where(eq(deployRequests.deploymentId, d.id)).orderBy(deployRequests.seq).limit(1);
  // Everywhere it was ever sent, so nothing is left behind if the clusters' labels changed since.
  const all = await ctx.db.select({ clusters: deployRequests.clusters }).from(deployRequests).where(eq(deployRequests.deploymentId, d.id));
  const targets = [...new Set([...clusters, ...all.flatMap((r) => r.clusters)])];
  return mutate(ctx, (tx) => insertRequest(ctx, tx, d, departmentId, DeployType.delete, d.versionId, d.versionId, comment, targets));
}


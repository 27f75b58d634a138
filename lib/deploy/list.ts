import { and, asc, count, desc, eq, inArray, isNull, ne, not, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { apps, appVersions, deployments, deployRequests, projects, type PodCounts } from '@/db/schema';
import type { Ctx } from '../context';
import { Forbidden, Invalid } from '../errors';
import { nameFilter, type NameMode } from '../catalog/list';
import { requireDeployment, visibleProjectIds } from './scope';
import { DeployStatus, OPEN_STATUSES } from './states';
import { versionsRan } from './request';

export interface DeploymentView {
  id: string;
  seq: number;
  name: string;
  appName: string;
  version: string;
  projectName: string;
  cluster: string;
  nodeLabel: string;
  namespace: string;
  comment: string;
  deployType: number;
  status: number;
  auditComment: string;
  pods: PodCounts;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

const cols = {
  id: deployments.id, seq: deployments.seq, name: deployments.name, appName: apps.name, version: appVersions.version,
  projectName: projects.name, cluster: deployments.cluster, nodeLabel: deployments.nodeLabel, namespace: deployments.namespace,
  comment: deployments.comment, deployType: deployments.deployType, status: deployments.status, auditComment: deployments.auditComment,
  pods: deployments.pods, createdAt: deployments.createdAt, updatedAt: deployments.updatedAt, deletedAt: deployments.deletedAt,
};

export interface DeploymentListOptions {
  page?: number;
  pageSize?: number;
  appName?: string;
  appNameMode?: NameMode;
  editable?: 'true' | 'false' | 'all';
  running?: 'true' | 'all';
}

function base(ctx: Ctx) {
  return ctx.db.select(cols).from(deployments)
    .innerJoin(apps, eq(apps.id, deployments.appId))
    .innerJoin(appVersions, eq(appVersions.id, deployments.versionId))
    .innerJoin(projects, eq(projects.id, deployments.projectId));
}

export async function listDeployments(ctx: Ctx, o: DeploymentListOptions = {}): Promise<{ items: DeploymentView[]; total: number }> {
  const where = and(
    inArray(deployments.projectId, visibleProjectIds(ctx)),
    nameFilter(apps.name, o.appName, o.appNameMode),
    o.editable === 'true' ? not(inArray(deployments.status, OPEN_STATUSES)) : o.editable === 'false' ? inArray(deployments.status, OPEN_STATUSES) : undefined,
    o.running === 'true' ? and(isNull(deployments.deletedAt), inArray(deployments.status, [DeployStatus.success, DeployStatus.partial])) : undefined,
  );
  const size = o.pageSize ?? 10;
  const page = Math.max(1, o.page ?? 1);
  const q = base(ctx).where(where).orderBy(desc(deployments.seq)).offset(size === 0 ? 0 : (page - 1) * size);
  const [items, [{ n }]] = await Promise.all([
    size === 0 ? q : q.limit(size),
    ctx.db.select({ n: count() }).from(deployments).innerJoin(apps, eq(apps.id, deployments.appId)).where(where),
  ]);
  return { items, total: Number(n) };
}

export async function getDeployment(ctx: Ctx, seq: number): Promise<DeploymentView & { history: string[] }> {
  const d = await requireDeployment(ctx, { seq });
  const [view] = await base(ctx).where(eq(deployments.id, d.id));
  const history = (await versionsRan(ctx.db, d.id)).map((v) => v.version);
  return { ...view, history };
}

export interface RequestView {
  id: string;
  seq: number;
  deploymentSeq: number;
  deployName: string;
  businessName: string;
  appName: string;
  version: string;
  fromVersion: string | null;
  clusters: string[];
  type: number;
  status: number;
  comment: string;
  auditComment: string;
  requestedBy: string;
  decidedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
  error: string;
}

const fromVersions = alias(appVersions, 'from_versions');

export interface AuditListOptions {
  page?: number;
  pageSize?: number;
  orderBy?: 'id' | 'createTime' | 'updateTime';
  order?: 'asc' | 'desc';
  businessName?: string;
  status?: number;
  /** Console: only decided requests (any status but 0). */
  decided?: boolean;
  /** Console: requests of this application (exact name). */
  appName?: string;
  /** Console: one request by its id. */
  seq?: number;
  deployId?: number;
}

/** Requests in the caller's audit scope (`GET /v1/admin/deploy`), or of one deployment the caller sees. */
export async function listRequests(ctx: Ctx, o: AuditListOptions = {}): Promise<{ items: RequestView[]; total: number }> {
  const u = ctx.user;
  let scope: SQL | undefined;
  if (o.deployId !== undefined) {
    const d = await requireDeployment(ctx, { seq: o.deployId });
    scope = eq(deployRequests.deploymentId, d.id);
  } else if (u.role === 'system_admin') scope = undefined;
  else if (u.role === 'admin' && u.departmentId) scope = eq(deployRequests.departmentId, u.departmentId);
  else throw new Forbidden('only a department administrator or a system administrator may list the audit queue');
  const where = and(
    scope,
    o.businessName ? eq(projects.name, o.businessName) : undefined,
    o.status !== undefined ? eq(deployRequests.status, o.status) : undefined,
    o.decided ? ne(deployRequests.status, DeployStatus.pending) : undefined,
    o.appName ? eq(apps.name, o.appName) : undefined,
    o.seq !== undefined ? eq(deployRequests.seq, o.seq) : undefined,
  );
  const size = o.pageSize ?? 10;
  if (size < 0) throw new Invalid({ pageSize: 'at least 0' });
  const page = Math.max(1, o.page ?? 1);
  const orderCol = { id: deployRequests.seq, createTime: deployRequests.createdAt, updateTime: deployRequests.updatedAt }[o.orderBy ?? 'id'];
  const dir = o.order === 'asc' ? asc : desc;
  const q = ctx.db
    .select({
      id: deployRequests.id, seq: deployRequests.seq, deploymentSeq: deployments.seq, deployName: deployments.name, businessName: projects.name,
      appName: apps.name, version: appVersions.version, fromVersion: fromVersions.version, clusters: deployRequests.clusters,
      type: deployRequests.type, status: deployRequests.status, comment: deployRequests.comment, auditComment: deployRequests.auditComment,
      requestedBy: deployRequests.requestedBy, decidedBy: deployRequests.decidedBy, createdAt: deployRequests.createdAt,
      updatedAt: deployRequests.updatedAt, decidedAt: deployRequests.decidedAt, error: deployRequests.error,
    })
    .from(deployRequests)
    .innerJoin(deployments, eq(deployments.id, deployRequests.deploymentId))
    .innerJoin(projects, eq(projects.id, deployments.projectId))
    .innerJoin(apps, eq(apps.id, deployments.appId))
    .innerJoin(appVersions, eq(appVersions.id, deployRequests.versionId))
    .leftJoin(fromVersions, eq(fromVersions.id, deployRequests.fromVersionId))
    .where(where)
    .orderBy(dir(orderCol), dir(deployRequests.seq))
    .offset(size === 0 ? 0 : (page - 1) * size);
  const [items, [{ n }]] = await Promise.all([
    size === 0 ? q : q.limit(size),
    ctx.db.select({ n: count() }).from(deployRequests)
      .innerJoin(deployments, eq(deployments.id, deployRequests.deploymentId))
      .innerJoin(projects, eq(projects.id, deployments.projectId))
      .innerJoin(apps, eq(apps.id, deployments.appId)).where(where),
  ]);
  return { items, total: Number(n) };
}

/**
 * The rollout worker: a state machine kept in deploy_requests and driven
 * from the DB, so a restarted Pier picks up where it stopped.
 *
 *   1 approved → 3 processing: write the objects to each target cluster,
 *     recording each cluster as applied in its own transaction. A cluster
 *     already marked applied, or whose workload already carries this
 *     request's id (a crash between the write and the record), is not
 *     written again: a request is never applied twice.
 *   3 → 4 deploying: follow each cluster until the workload is rolled out
 *     and available: 5 success; by the deadline some clusters or pods not
 *     ready: 6 partial success; none: 7 failed. Delete requests end in 9.
 *   An exception in Pier (not a cluster's answer) is 8.
 *
 * A lease on the row (lease_until) keeps two instances from working on one
 * request at a time; an expired lease (a crashed instance) is taken over,
 * and on PGlite, which one process owns, at once on start.
 */
import { and, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apps, appVersions, deployments, deployRequests, type ClusterProgress, type DeployRequestRow } from '@/db/schema';
import type { Clock } from '../context';
import { PierError } from '../errors';
import { objectsOf } from './objects';
import { refreshPodCounts } from './live';
import { ensurePullSecret, prunePullSecrets, pullSecretsWanted } from './pull-secret';
import { applyObjects, appliedBy, clientsOf, ensureNamespace, liveObjects, observe, removeAll } from './kube';
import { DeployStatus, DeployType } from './states';
import { nodeSelectorOf } from './targets';
import { objectProblems } from './validate';

const LEASE_MS = 30_000;
/** How long a rollout may take before it settles as partial success or failure. */
export const DEADLINE_MS = Number(process.env.PIER_DEPLOY_DEADLINE_SECONDS || 600) * 1000;

async function claim(db: Db, clock: Clock, id: string): Promise<DeployRequestRow | undefined> {
  const now = clock.now();
  const [row] = await db.update(deployRequests)
    .set({ leaseUntil: new Date(now.getTime() + LEASE_MS) })
    .where(and(eq(deployRequests.id, id), or(isNull(deployRequests.leaseUntil), lt(deployRequests.leaseUntil, now))))
    .returning();
  return row;
}

async function release(db: Db, id: string, set: Partial<DeployRequestRow>): Promise<void> {
  await db.update(deployRequests).set({ ...set, leaseUntil: null }).where(eq(deployRequests.id, id));
}

/** Settles a request and mirrors it on its deployment, in one transaction. */
async function settle(db: Db, clock: Clock, r: DeployRequestRow, status: number, progress: ClusterProgress[], error = ''): Promise<void> {
  const now = clock.now();
  const pods = progress.reduce((a, p) => ({ running: a.running + p.running, error: a.error + p.error, total: a.total + p.total }), { running: 0, error: 0, total: 0 });
  await db.transaction(async (tx) => {
    await tx.update(deployRequests).set({ status, progress, error, leaseUntil: null, finishedAt: now, updatedAt: now }).where(eq(deployRequests.id, r.id));
    const d: Partial<typeof deployments.$inferInsert> = { status, pods, updatedAt: now };
    if (r.type !== DeployType.delete && [DeployStatus.success, DeployStatus.partial, DeployStatus.failed].includes(status as 5)) d.versionId = r.versionId;
    if (status === DeployStatus.deleted) d.deletedAt = now;
    await tx.update(deployments).set(d).where(eq(deployments.id, r.deploymentId));
  });
}

/** 1 → 3 → (each cluster written once) → 4, or 9 for a delete. */
async function apply(db: Db, clock: Clock, r: DeployRequestRow): Promise<void> {
  const [d] = await db.select().from(deployments).where(eq(deployments.id, r.deploymentId));
  const [v] = await db.select().from(appVersions).where(eq(appVersions.id, r.versionId));
  if (r.status === DeployStatus.approved) {
    await db.update(deployRequests).set({ status: DeployStatus.processing, updatedAt: clock.now() }).where(eq(deployRequests.id, r.id));
    await db.update(deployments).set({ status: DeployStatus.processing, updatedAt: clock.now() }).where(eq(deployments.id, d.id));
  }
  const progress: ClusterProgress[] = r.progress.map((p) => ({ ...p }));
  const { appName } = await appNameOf(db, d.appId);
  const desired = r.type === DeployType.delete || !v.spec ? [] : objectsOf(v.spec, {
    deployName: d.name, namespace: d.namespace, appName, version: v.version, deployId: d.seq, nodeSelector: nodeSelectorOf(d.nodeLabel),
  });
  const dropped = await droppedRegistries(db, r, v.spec?.repositoryId);
  const problems = objectProblems(desired);
  if (problems.length) {
    await settle(db, clock, r, DeployStatus.internalError, progress, problems.map((p) => `${p.object}: ${p.message}`).join('; '));
    return;
  }
  for (const p of progress) {
    if (p.applied) continue;
    try {
      const c = await clientsOf(db, p.cluster);
      if (r.type === DeployType.delete) {
        await removeAll(c, await liveObjects(c, d.namespace, d.name));
      } else {
        await ensureNamespace(c, d.namespace, d.projectId);
        await ensurePullSecret(c, db, d.projectId, d.namespace, v.spec?.repositoryId);
        const live = await liveObjects(c, d.namespace, d.name);
        if (!appliedBy(live, r.id)) await applyObjects(c, desired, r.id, live);
      }
      // Before `applied` is recorded, so a crash here is repaired by the next pass (pruning is idempotent).
      if (dropped.length) await prunePullSecrets(c, d.namespace, dropped, await pullSecretsWanted(db, d.namespace, p.cluster, r.id));
      p.applied = true;
      p.message = undefined;
    } catch (err) {
      if (!(err instanceof PierError)) throw err;
      // The cluster refused or is unreachable: try again on the next pass until the deadline.
      p.message = err.message;
    }
    await db.update(deployRequests).set({ progress, updatedAt: clock.now() }).where(eq(deployRequests.id, r.id));
  }
  const deadline = r.deadlineAt ?? new Date(clock.now().getTime() + DEADLINE_MS);
  if (!r.deadlineAt) await db.update(deployRequests).set({ deadlineAt: deadline }).where(eq(deployRequests.id, r.id));
  if (progress.every((p) => p.applied)) {
    if (r.type === DeployType.delete) {
      await settle(db, clock, r, DeployStatus.deleted, progress.map((p) => ({ ...p, ready: true, running: 0, error: 0, total: 0 })));
      return;
    }
    await db.update(deployRequests).set({ status: DeployStatus.deploying, updatedAt: clock.now() }).where(eq(deployRequests.id, r.id));
    await db.update(deployments).set({ status: DeployStatus.deploying, updatedAt: clock.now() }).where(eq(deployments.id, d.id));
  } else if (clock.now() >= deadline) {
    await settle(db, clock, r, progress.some((p) => p.applied) ? DeployStatus.partial : DeployStatus.failed, progress, 'some clusters could not be written');
  }
}

/** Registries whose pull Secret this request stops naming: the previous version's (or, for a delete, its own) unless the new version names it too. */
async function droppedRegistries(db: Db, r: DeployRequestRow, target: string | undefined): Promise<string[]> {
  const ids = r.fromVersionId && r.fromVersionId !== r.versionId ? [r.fromVersionId, r.versionId] : [r.versionId];
  const rows = await db.select({ spec: appVersions.spec }).from(appVersions).where(inArray(appVersions.id, ids));
  const named = rows.map((x) => x.spec?.repositoryId).filter((x): x is string => !!x);
  return r.type === DeployType.delete ? named : named.filter((x) => x !== target);
}

async function appNameOf(db: Db, appId: string): Promise<{ appName: string }> {
  const [a] = await db.select({ appName: apps.name }).from(apps).where(eq(apps.id, appId));
  return a;
}

/** 4: how each cluster is doing; settle when all are ready or the deadline passed. */
async function follow(db: Db, clock: Clock, r: DeployRequestRow): Promise<void> {
  const [d] = await db.select().from(deployments).where(eq(deployments.id, r.deploymentId));
  const progress: ClusterProgress[] = [];
  for (const p of r.progress) {
    try {
      const o = await observe(await clientsOf(db, p.cluster), d.namespace, d.name);
      progress.push({ ...p, ...o, message: o.message });
    } catch (err) {
      if (!(err instanceof PierError)) throw err;
      progress.push({ ...p, ready: false, message: err.message });
    }
  }
  const pods = progress.reduce((a, p) => ({ running: a.running + p.running, error: a.error + p.error, total: a.total + p.total }), { running: 0, error: 0, total: 0 });
  if (progress.every((p) => p.ready)) return settle(db, clock, r, DeployStatus.success, progress);
  if (r.deadlineAt && clock.now() >= r.deadlineAt) {
    const some = progress.some((p) => p.ready) || pods.running > 0;
    return settle(db, clock, r, some ? DeployStatus.partial : DeployStatus.failed, progress, progress.filter((p) => !p.ready).map((p) => `${p.cluster}: ${p.message ?? 'not ready by the deadline'}`).join('; '));
  }
  await db.update(deployRequests).set({ progress, updatedAt: clock.now() }).where(eq(deployRequests.id, r.id));
  await db.update(deployments).set({ pods }).where(eq(deployments.id, d.id));
}

/**
 * One pass over every request that needs work. Returns how many it
 * advanced. Safe to run from several instances at once (leases).
 */
export async function advanceRollouts(db: Db, clock: Clock): Promise<number> {
  const open = await db.select({ id: deployRequests.id }).from(deployRequests)
    .where(inArray(deployRequests.status, [DeployStatus.approved, DeployStatus.processing, DeployStatus.deploying]))
    .orderBy(deployRequests.seq);
  let n = 0;
  for (const { id } of open) {
    const r = await claim(db, clock, id);
    if (!r) continue;
    try {
      if (r.status === DeployStatus.deploying) await follow(db, clock, r);
      else await apply(db, clock, r);
      n++;
    } catch (err) {
      console.error(`pier deploy worker: request ${r.seq}:`, err);
      await settle(db, clock, r, DeployStatus.internalError, r.progress, `internal error: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    } finally {
      await release(db, r.id, {});
    }
  }
  return n;
}

/** How often settled deployments' pod counts are re-read (a bounded batch each time: `refreshPodCounts`). */
const REFRESH_MS = Number(process.env.PIER_DEPLOY_REFRESH_MS || 15_000);

/**
 * Drops every lease on open requests. Only for a store that this process
 * alone uses (PGlite: one process per data directory): a lease found there
 * at start was held by a process that is gone (killed mid-pass), so waiting
 * for it to lapse would only delay the rollout. On a shared PostgreSQL a
 * lease may belong to another live instance and is left to expire.
 */
export async function releaseStaleLeases(db: Db): Promise<number> {
  const rows = await db.update(deployRequests).set({ leaseUntil: null })
    .where(and(isNotNull(deployRequests.leaseUntil), inArray(deployRequests.status, [DeployStatus.approved, DeployStatus.processing, DeployStatus.deploying])))
    .returning({ id: deployRequests.id });
  return rows.length;
}

export interface DeployWorkerOptions {
  intervalMs?: number;
  /** The store belongs to this process alone (PGlite): leases left by a previous, killed process are taken over at once. */
  soleInstance?: boolean;
}

/** Runs passes every `intervalMs` in the serving process; one pass at a time. */
export function startDeployWorker(db: Db, clock: Clock, o: DeployWorkerOptions = {}): { stop(): void } {
  const intervalMs = o.intervalMs ?? Number(process.env.PIER_DEPLOY_POLL_MS || 1000);
  let busy = false;
  let cursor = 0;
  let refreshedAt = 0;
  let started = !o.soleInstance;
  const pass = async () => {
    if (!started) {
      const n = await releaseStaleLeases(db);
      if (n) console.log(`pier deploy worker: took over ${n} request(s) a previous process left leased`);
      started = true;
    }
    await advanceRollouts(db, clock);
    if (REFRESH_MS > 0 && Date.now() - refreshedAt >= REFRESH_MS) {
      refreshedAt = Date.now();
      cursor = await refreshPodCounts(db, cursor);
    }
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    pass().catch((err) => console.error('pier deploy worker:', err)).finally(() => { busy = false; });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

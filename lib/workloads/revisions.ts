import type { ControllerRevision, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { stringify } from 'yaml';
import { deleteObject, listAll } from '@/lib/cluster/adapter';
import type { WorkloadType } from '@/lib/dialects/ecns/workloads';
import type { Ctx } from '@/lib/context';
import { Invalid, NotFound } from '@/lib/errors';
import { auditWorkloads } from './audit';
import type { WorkloadObject } from './bundle';
import { splitImage } from './images';
import { CONTROLLER_REVISION, REPLICASET } from './kinds';
import { requireWorkload } from './read';
import { workloadScope, type WorkloadScope } from './scope';
import { selectorString } from './selector';

/** ECNS revision: version, the images of that version, when it was made. */
export interface RevisionView {
  version: number;
  image: Array<{ image: string; image_version: string }>;
  creation_time: string;
}

/** One revision of a workload: a Deployment's ReplicaSet, or a StatefulSet's / DaemonSet's ControllerRevision. */
export interface Revision {
  version: number;
  template: PodTemplateSpec;
  object: ReplicaSet | ControllerRevision;
}

const DEPLOYMENT_REVISION = 'deployment.kubernetes.io/revision';

function templateOf(o: ReplicaSet | ControllerRevision): PodTemplateSpec {
  if (o.kind === 'ControllerRevision') {
    const t = { ...(((o as ControllerRevision).data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } })?.spec?.template ?? {}) };
    delete t.$patch;
    return t;
  }
  return (o as ReplicaSet).spec?.template ?? {};
}

/** The workload's revisions, oldest first (owned by its uid). */
export async function listRevisions(sc: WorkloadScope, o: WorkloadObject): Promise<Revision[]> {
  const uid = o.metadata?.uid;
  const ref = o.kind === 'Deployment' ? REPLICASET : CONTROLLER_REVISION;
  const items = (await listAll(sc.c, ref, { namespace: sc.namespace, labelSelector: selectorString(o.spec?.selector) })).items as Array<ReplicaSet | ControllerRevision>;
  return items
    .filter((x) => x.metadata?.ownerReferences?.some((r) => r.uid === uid && r.controller))
    .map((x) => ({ ...x, kind: ref.kind }) as ReplicaSet | ControllerRevision)
    .map((x) => ({
      version: x.kind === 'ReplicaSet' ? Number(x.metadata?.annotations?.[DEPLOYMENT_REVISION] ?? 0) : Number((x as ControllerRevision).revision ?? 0),
      template: templateOf(x),
      object: x,
    }))
    .sort((a, b) => a.version - b.version);
}

export function revisionView(r: Revision): RevisionView {
  const spec = r.template.spec;
  return {
    version: r.version,
    image: [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => splitImage(c.image ?? '')),
    creation_time: r.object.metadata?.creationTimestamp ?? '',
  };
}

export async function revisionsOf(sc: WorkloadScope, o: WorkloadObject) {
  const list = await listRevisions(sc, o);
  return { revisions: list.map(revisionView), owners: list.map((r) => r.object) };
}

/** The revision the workload runs now: the highest. */
const current = (list: Revision[]) => list[list.length - 1];

export async function requireRevision(sc: WorkloadScope, o: WorkloadObject, version: number): Promise<Revision> {
  const r = (await listRevisions(sc, o)).find((x) => x.version === version);
  if (!r) throw new NotFound('revision', `${o.kind} "${o.metadata?.name}" has no revision ${version}`);
  return r;
}

/** GET …/revisions/: the list. */
export async function workloadRevisions(ctx: Ctx, type: WorkloadType, name: string) {
  const sc = await workloadScope(ctx, 'read');
  return { revisions: (await revisionsOf(sc, await requireWorkload(sc, type, name))).revisions };
}

/** GET …/revision/<version>/yaml/: the revision's object (ReplicaSet or ControllerRevision) as YAML. */
export async function revisionYaml(ctx: Ctx, type: WorkloadType, name: string, version: number): Promise<string> {
  const sc = await workloadScope(ctx, 'read');
  const r = await requireRevision(sc, await requireWorkload(sc, type, name), version);
  const o = structuredClone(r.object) as ReplicaSet & { metadata?: { managedFields?: unknown } };
  delete o.metadata?.managedFields;
  return stringify({ apiVersion: 'apps/v1', ...o });
}

/**
 * DELETE …/revisions/?history_version=<v>: one old revision; without it,
 * every revision but the current one. The current revision is a 400: it is
 * what the pods run.
 */
export async function deleteRevisions(ctx: Ctx, type: WorkloadType, name: string, version?: number) {
  const sc = await workloadScope(ctx, 'write');
  const o = await requireWorkload(sc, type, name);
  const list = await listRevisions(sc, o);
  const now = current(list);
  let doomed: Revision[];
  if (version !== undefined) {
    const r = list.find((x) => x.version === version);
    if (!r) throw new NotFound('revision', `${type} "${name}" has no revision ${version}`);
    if (r === now) throw new Invalid({ history_version: `revision ${version} is the current one` });
    doomed = [r];
  } else {
    doomed = list.filter((r) => r !== now);
  }
  for (const r of doomed) await deleteObject(sc.c, r.object.kind === 'ReplicaSet' ? REPLICASET : CONTROLLER_REVISION, r.object.metadata!.name!, sc.namespace);
  await auditWorkloads(sc, 'delete-revisions', [{ type, name, before: { versions: doomed.map((r) => r.version) } }]);
  return { deleted: doomed.map((r) => r.version) };
}

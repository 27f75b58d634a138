import { findKind } from '../kinds';
import { isPlainObject, metaOf, type K8sObject } from '../objects';
import { jsonEqual } from '../patch';
import { controllerOf } from './cache';
import { intOr, specOf } from './pods';
import type { ControllerContext } from './types';

export const CONTROLLER_REVISIONS = findKind('apps', 'v1', 'controllerrevisions')!;

/** The label every StatefulSet and DaemonSet pod and ControllerRevision carries. */
export const REVISION_LABEL = 'controller-revision-hash';

/** apimachinery's rand.SafeEncodeString alphabet: no vowels, no look-alike digits. */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits, as hash/fnv's New32a. */
function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(s, 'utf8');
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The revision hash of a template, encoded like the real controllers do
 * (the decimal FNV-32a hash, each digit mapped through the safe alphabet).
 * The bytes hashed differ from Go's (it hashes a Go struct dump), so values
 * differ from a real cluster's; only their shape and stability matter here.
 */
export function templateHash(template: unknown, collisionCount = 0): string {
  const h = fnv32a(JSON.stringify(template ?? {}) + (collisionCount ? `#${collisionCount}` : ''));
  return [...String(h)].map((d) => SAFE[d.charCodeAt(0) % SAFE.length]).join('');
}

export interface Revision {
  name: string;
  hash: string;
  revision: number;
  template: unknown;
  object: K8sObject;
}

function asRevision(o: K8sObject): Revision {
  const data = isPlainObject(o.data) ? o.data : {};
  const spec = isPlainObject(data.spec) ? data.spec : {};
  return {
    name: metaOf(o).name!,
    hash: metaOf(o).labels?.[REVISION_LABEL] ?? '',
    revision: intOr(o.revision, 0),
    template: spec.template,
    object: o,
  };
}

/** The owner's ControllerRevisions, oldest first. */
export function revisionsOf(c: ControllerContext, owner: K8sObject): Revision[] {
  const uid = metaOf(owner).uid!;
  return c.cache.ownedBy(CONTROLLER_REVISIONS, uid)
    .filter((r) => controllerOf(r)?.uid === uid)
    .map(asRevision)
    .sort((a, b) => a.revision - b.revision);
}

/**
 * Finds the revision whose template equals the owner's current template, or
 * creates it with the next revision number (the real controllers also bump an
 * existing equal revision to the newest number when a rollback returns to it).
 */
export async function ensureRevision(
  c: ControllerContext, owner: K8sObject, revisions: Revision[], selectorLabels: Record<string, string>,
): Promise<Revision> {
  const m = metaOf(owner);
  const template = specOf(owner).template;
  const hash = templateHash(template);
  const next = revisions.reduce((n, r) => Math.max(n, r.revision), 0) + 1;
  const same = revisions.find((r) => r.hash === hash && jsonEqual(revisionTemplate(r), template));
  if (same) {
    if (same.revision === next - 1) return same;
    const moved = await c.write.patch(CONTROLLER_REVISIONS, m.namespace, same.name, { revision: next });
    return moved ? asRevision(moved) : same;
  }
  const created = await c.write.create(CONTROLLER_REVISIONS, m.namespace, {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${m.name}-${hash}`,
      namespace: m.namespace,
      labels: { ...selectorLabels, [REVISION_LABEL]: hash },
      ownerReferences: [{ apiVersion: String(owner.apiVersion), kind: String(owner.kind), name: m.name!, uid: m.uid!, controller: true, blockOwnerDeletion: true }],
    },
    data: { spec: { template: { ...(isPlainObject(template) ? template : {}), $patch: 'replace' } } },
    revision: next,
  });
  return asRevision(created);
}

/** Deletes the oldest revisions beyond `limit` that no live pod and no status names. */
export async function trimHistory(c: ControllerContext, owner: K8sObject, revisions: Revision[], live: Set<string>, limit: number): Promise<void> {
  const spare = revisions.filter((r) => !live.has(r.name) && !live.has(r.hash));
  const excess = spare.length - Math.max(0, limit);
  for (const r of spare.slice(0, Math.max(0, excess))) await c.write.delete(CONTROLLER_REVISIONS, metaOf(owner).namespace, r.name);
}

/** A template as stored in a revision, without the strategic-merge marker. */
export function revisionTemplate(r: Revision): unknown {
  if (!isPlainObject(r.template)) return r.template;
  const t: Record<string, unknown> = { ...r.template };
  delete t.$patch;
  return t;
}

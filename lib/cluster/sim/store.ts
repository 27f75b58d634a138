import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { clusters, k8sChanges, k8sObjects, type K8sChangeType } from '@/db/schema';
import type { Clock } from '@/lib/context';
import { admitQuota } from './admission/quota';
import { readChangeLog } from './change-log';
import { admitDefaultTolerations } from './admission/tolerations';
import { apiVersionOf, KINDS, NAMESPACES, type KindInfo } from './kinds';
import { labelProblems, nameProblems } from './names';
import { generatedName, isPlainObject, k8sTime, metaOf, newUid, ownerUids, type K8sObject, type ObjectMeta } from './objects';
import { applyPatch } from './openapi/smp';
import { jsonEqual, PatchError } from './patch';
import { fieldSelectorSql, labelSelectorSql, parseFieldSelector, parseLabelSelector } from './selectors';
import { alreadyExists, badRequest, conflict, failureStatus, invalid, K8sError, notFound, type FieldProblem } from './status';

/** What every store function works on: one simulated cluster, a store and a clock. */
export interface Sim {
  db: Db;
  clock: Clock;
  clusterId: string;
  /** Checks an object body before it is stored (the API sets the OpenAPI validation; controllers write trusted objects). */
  admit?: (k: KindInfo, name: string, body: K8sObject) => void;
  /** Set inside `writeBatch`: the open write transaction every store write joins. */
  session?: WriteSession;
}

/** Namespaces that exist from the start: objects may be created in them before any Namespace object. */
export const BUILTIN_NAMESPACES = ['default', 'kube-system'];

const MAX_LIMIT = 5000;

type Tx = Db;

type ChangeRow = typeof k8sChanges.$inferInsert;

/**
 * One write transaction on one cluster, holding its counter row. Versions
 * are handed out in memory and the counter is written once at the end;
 * change-log rows are written together at the end too (nothing reads them
 * inside the transaction). Every store write checks everything that can
 * refuse it before its first statement that writes, so a refused write
 * inside a batch leaves the batch's other writes intact.
 */
export interface WriteSession {
  tx: Tx;
  /** The last resourceVersion handed out. */
  rv: number;
  readonly base: number;
  changes: ChangeRow[];
  /** Namespaces seen to exist, and known to have no ResourceQuota, in this transaction. */
  namespaces: Set<string>;
  unquoted: Set<string>;
  /** Events to insert: written together before the next statement that reads or writes objects. */
  pendingEvents: Array<typeof k8sObjects.$inferInsert>;
}

/** Change-log rows per INSERT (9 parameters each; PostgreSQL allows 65,535). */
const CHANGE_ROWS_PER_INSERT = 1000;

async function openSession(tx: Tx, clusterId: string): Promise<WriteSession> {
  const [row] = await tx.select({ rv: clusters.resourceVersion }).from(clusters).where(eq(clusters.id, clusterId)).for('update');
  if (!row) throw notFound({ group: '', plural: 'clusters' }, clusterId);
  return { tx, rv: row.rv, base: row.rv, changes: [], namespaces: new Set(), unquoted: new Set(), pendingEvents: [] };
}

/** Rows per multi-row INSERT of objects (13 parameters each). */
const OBJECT_ROWS_PER_INSERT = 500;

/**
 * Inserts the Events held back so far. Their names are unique by
 * construction (the recorder's nanosecond suffix); one that clashes with an
 * existing Event is dropped, as a recorder drops an Event it cannot write.
 */
async function flushEvents(w: WriteSession): Promise<void> {
  while (w.pendingEvents.length) {
    const rows = w.pendingEvents.splice(0, OBJECT_ROWS_PER_INSERT);
    await w.tx.insert(k8sObjects).values(rows).onConflictDoNothing();
  }
}

async function closeSession(w: WriteSession, clusterId: string): Promise<void> {
  await flushEvents(w);
  for (let i = 0; i < w.changes.length; i += CHANGE_ROWS_PER_INSERT) {
    await w.tx.insert(k8sChanges).values(w.changes.slice(i, i + CHANGE_ROWS_PER_INSERT));
  }
  if (w.rv !== w.base) await w.tx.update(clusters).set({ resourceVersion: w.rv }).where(eq(clusters.id, clusterId));
}

/**
 * A write transaction. It locks the cluster's counter row first, so writers
 * to one cluster run one at a time and always take locks in the same order
 * (counter, then objects): no deadlocks between, say, a delete that walks
 * dependents and a patch of one of them. Inside `writeBatch` it joins the
 * batch's transaction.
 */
function writeTransaction<T>(s: Sim, fn: (w: WriteSession) => Promise<T>): Promise<T> {
  if (s.session) return fn(s.session);
  return s.db.transaction(async (t) => {
    const w = await openSession(t as unknown as Tx, s.clusterId);
    const out = await fn(w);
    await closeSession(w, s.clusterId);
    return out;
  });
}

/**
 * Runs several writes as one transaction: `fn` gets a Sim whose store calls
 * all join it. One counter lock, one counter update and one change-log
 * insert for the lot. If `fn` throws, nothing it wrote happened.
 */
export function writeBatch<T>(s: Sim, fn: (inBatch: Sim) => Promise<T>): Promise<T> {
  if (s.session) return fn(s);
  return s.db.transaction(async (t) => {
    const w = await openSession(t as unknown as Tx, s.clusterId);
    const out = await fn({ ...s, db: w.tx, session: w });
    await closeSession(w, s.clusterId);
    return out;
  });
}

/** The scope column value: the namespace for namespaced kinds, "" otherwise. */
function scopeOf(k: KindInfo, namespace: string | undefined): string {
  return k.namespaced ? namespace ?? '' : '';
}

function objectKey(s: Sim, k: KindInfo, namespace: string, name: string) {
  return and(
    eq(k8sObjects.clusterId, s.clusterId),
    eq(k8sObjects.apiGroup, k.group),
    eq(k8sObjects.resource, k.plural),
    eq(k8sObjects.namespace, namespace),
    eq(k8sObjects.name, name),
  );
}

/** The cluster's current resourceVersion. */
export async function currentVersion(db: Db, clusterId: string): Promise<number> {
  const [row] = await db.select({ rv: clusters.resourceVersion }).from(clusters).where(eq(clusters.id, clusterId));
  if (!row) throw notFound({ group: '', plural: 'clusters' }, clusterId);
  return row.rv;
}

/**
 * The next resourceVersion. The counter row stays locked until the writer
 * commits, so versions commit in the order they are handed out: a watcher
 * that has seen N never later finds a change below N appear. A version
 * taken by a write that is then refused is simply never used.
 */
function nextVersion(w: WriteSession): number {
  w.rv += 1;
  return w.rv;
}

function recordChange(w: WriteSession, s: Sim, k: KindInfo, type: K8sChangeType, rv: number, body: K8sObject): void {
  const m = metaOf(body);
  w.changes.push({
    clusterId: s.clusterId,
    resourceVersion: rv,
    type,
    apiGroup: k.group,
    resource: k.plural,
    namespace: scopeOf(k, m.namespace),
    name: m.name ?? '',
    body,
    at: s.clock.now(),
  });
}

// ---------------------------------------------------------------- reads

export async function getObject(s: Sim, k: KindInfo, namespace: string | undefined, name: string): Promise<K8sObject> {
  const [row] = await s.db.select({ body: k8sObjects.body }).from(k8sObjects).where(objectKey(s, k, scopeOf(k, namespace), name));
  if (!row) throw notFound(k, name);
  return row.body as K8sObject;
}

export interface ListOptions {
  /** Omitted (or "" for a namespaced kind): every namespace. */
  namespace?: string;
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number | null;
  continue?: string | null;
}

export interface ObjectList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: K8sObject[];
}

interface ContinueKey {
  rv: number;
  ns: string;
  name: string;
}

function encodeContinue(c: ContinueKey): string {
  return Buffer.from(JSON.stringify({ v: 1, ...c })).toString('base64url');
}

function decodeContinue(token: string): ContinueKey {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueKey> & { v?: number };
    if (c.v === 1 && typeof c.rv === 'number' && typeof c.ns === 'string' && typeof c.name === 'string') return { rv: c.rv, ns: c.ns, name: c.name };
  } catch {
    // fall through
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

/**
 * One page of a list, read in one statement: the counter and the rows come
 * from the same snapshot, and every version up to the counter is committed
 * (writers hold the counter row), so the page is exactly the state at `rv`.
 * `items` are the stored item text (the `item` column: the object without
 * kind/apiVersion, printed when it was written), so a list goes out without
 * PostgreSQL printing jsonb and without Node parsing and re-serializing.
 */
async function listPage(s: Sim, k: KindInfo, o: ListOptions): Promise<{ rv: number; items: string[]; continue?: string }> {
  const labels = parseLabelSelector(o.labelSelector);
  const fields = parseFieldSelector(k, o.fieldSelector);
  const limit = o.limit && o.limit > 0 ? Math.min(o.limit, MAX_LIMIT) : null;
  const after = o.continue ? decodeContinue(o.continue) : null;
  const ns = k.namespaced && o.namespace ? o.namespace : null;
  const where = [
    eq(k8sObjects.clusterId, s.clusterId),
    eq(k8sObjects.apiGroup, k.group),
    eq(k8sObjects.resource, k.plural),
    ...(ns !== null ? [eq(k8sObjects.namespace, ns)] : []),
    // Keyset pagination on the primary key: within a namespace the name alone continues the range scan.
    ...(after ? [ns !== null ? gt(k8sObjects.name, after.name) : sql`(${k8sObjects.namespace}, ${k8sObjects.name}) > (${after.ns}, ${after.name})`] : []),
    ...labelSelectorSql(labels),
    ...fieldSelectorSql(fields),
  ];
  const page = sql`select ${k8sObjects.namespace} as namespace, ${k8sObjects.name} as name, ${k8sObjects.item} as item
    from ${k8sObjects} where ${and(...where)} order by ${k8sObjects.namespace}, ${k8sObjects.name} ${limit ? sql`limit ${limit + 1}` : sql``}`;
  type Row = { rv: string | number | null; namespace: string | null; name: string | null; item: string | null };
  const rows = after
    ? ((await s.db.execute(page)) as unknown as { rows: Row[] }).rows.map((r) => ({ ...r, rv: after.rv }))
    : ((await s.db.execute(sql`select c.resource_version as rv, p.namespace, p.name, p.item
        from ${clusters} c left join lateral (${page}) p on true where c.id = ${s.clusterId}`)) as unknown as { rows: Row[] }).rows;
  if (!rows.length && !after) throw notFound({ group: '', plural: 'clusters' }, s.clusterId);
  const rv = Number(rows[0]?.rv ?? after?.rv ?? 0);
  const found = rows.filter((r) => r.item !== null);
  const more = limit !== null && found.length > limit;
  const kept = more ? found.slice(0, limit!) : found;
  const last = kept[kept.length - 1];
  return {
    rv,
    items: kept.map((r) => r.item!),
    ...(more ? { continue: encodeContinue({ rv, ns: last.namespace!, name: last.name! }) } : {}),
  };
}

/**
 * A page of objects ordered by (namespace, name), filtered in SQL. Continue
 * tokens carry the last key seen; later pages read the current state (the
 * apiserver would serve the first page's snapshot) under the first page's version.
 */
export async function listObjects(s: Sim, k: KindInfo, o: ListOptions = {}): Promise<ObjectList> {
  const page = await listPage(s, k, o);
  return {
    apiVersion: apiVersionOf(k),
    kind: `${k.kind}List`,
    metadata: { resourceVersion: String(page.rv), ...(page.continue ? { continue: page.continue } : {}) },
    items: page.items.map((t) => JSON.parse(t) as K8sObject),
  };
}

/**
 * The same list as listObjects, as the JSON text of the wire body: the
 * stored objects are spliced in as PostgreSQL printed them, never parsed.
 * This is what the API answers a plain list with.
 */
export async function listObjectsJson(s: Sim, k: KindInfo, o: ListOptions = {}): Promise<string> {
  const page = await listPage(s, k, o);
  const metadata = { resourceVersion: String(page.rv), ...(page.continue ? { continue: page.continue } : {}) };
  return `{"apiVersion":${JSON.stringify(apiVersionOf(k))},"kind":${JSON.stringify(`${k.kind}List`)},"metadata":${JSON.stringify(metadata)},"items":[${page.items.join(',')}]}`;
}

export interface Change {
  type: K8sChangeType;
  resourceVersion: number;
  object: K8sObject;
}

/** Changes to one resource (optionally one namespace) after `after`, up to the committed counter, oldest first. */
export async function changesSince(
  s: Sim,
  k: KindInfo,
  o: { after: number; upTo?: number; namespace?: string; limit?: number },
): Promise<Change[]> {
  const { entries } = await readChangeLog(s.db, s.clusterId, { after: o.after, upTo: o.upTo, where: changeFilter(k, o.namespace), limit: o.limit ?? 500 });
  return entries.map((e) => ({ type: e.type, resourceVersion: e.resourceVersion, object: JSON.parse(e.text) as K8sObject }));
}

/** The change log's condition for one resource, and one namespace of a namespaced one. */
export function changeFilter(k: KindInfo, namespace?: string) {
  return [
    eq(k8sChanges.apiGroup, k.group),
    eq(k8sChanges.resource, k.plural),
    ...(k.namespaced && namespace ? [eq(k8sChanges.namespace, namespace)] : []),
  ];
}

/**
 * Every change to the cluster after `after`, up to the committed counter,
 * oldest first, with the kind each belongs to: what an in-process controller
 * loop reads. `next` is where to continue from (no change is ever skipped).
 */
export async function clusterChangesSince(
  s: Sim, after: number, limit = 500,
): Promise<{ changes: Array<Change & { kind: KindInfo }>; next: number }> {
  const { upTo, entries } = await readChangeLog(s.db, s.clusterId, { after, limit });
  const changes = entries.flatMap((e) => {
    const kind = kindOfRow(e);
    return kind ? [{ type: e.type, resourceVersion: e.resourceVersion, object: JSON.parse(e.text) as K8sObject, kind }] : [];
  });
  return { changes, next: entries.length === limit ? entries[entries.length - 1].resourceVersion : Math.max(after, upTo) };
}

// ---------------------------------------------------------------- validation

function checkTypeMeta(k: KindInfo, body: K8sObject): void {
  const want = apiVersionOf(k);
  if (body.apiVersion !== undefined && body.apiVersion !== want) {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${want})`);
  }
  if (body.kind !== undefined && body.kind !== k.kind) {
    throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${k.kind})`);
  }
}

function checkBody(body: unknown): K8sObject {
  if (!isPlainObject(body)) throw badRequest('the request body must be a JSON object');
  if (body.metadata !== undefined && !isPlainObject(body.metadata)) throw badRequest('metadata must be an object');
  return body as K8sObject;
}

function validateObject(k: KindInfo, name: string, body: K8sObject): void {
  const m = metaOf(body);
  const problems: FieldProblem[] = [...nameProblems(k, name), ...labelProblems(m.labels)];
  if (m.annotations !== undefined && (!isPlainObject(m.annotations) || Object.values(m.annotations).some((v) => typeof v !== 'string'))) {
    problems.push({ field: 'metadata.annotations', message: 'Invalid value: must be a map of strings' });
  }
  if (m.ownerReferences !== undefined) {
    const refs = m.ownerReferences as unknown;
    if (!Array.isArray(refs)) problems.push({ field: 'metadata.ownerReferences', message: 'Invalid value: must be a list' });
    else refs.forEach((r, i) => {
      for (const f of ['apiVersion', 'kind', 'name', 'uid']) {
        if (!isPlainObject(r) || typeof r[f] !== 'string' || !r[f]) {
          problems.push({ field: `metadata.ownerReferences[${i}].${f}`, reason: 'FieldValueRequired', message: 'Required value' });
        }
      }
    });
  }
  if (problems.length) throw invalid(k, name, problems);
}

async function ensureNamespace(w: WriteSession, s: Sim, k: KindInfo, namespace: string, name: string): Promise<void> {
  if (!k.namespaced || BUILTIN_NAMESPACES.includes(namespace) || w.namespaces.has(namespace)) return;
  await flushEvents(w);
  const [ns] = await w.tx.select({ body: k8sObjects.body }).from(k8sObjects).where(objectKey(s, NAMESPACES, '', namespace));
  if (!ns) throw notFound(NAMESPACES, namespace);
  if (metaOf(ns.body as K8sObject).deletionTimestamp) {
    throw new K8sError(failureStatus(403, `${k.plural} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`, 'Forbidden'));
  }
  w.namespaces.add(namespace);
}

const QUOTA_KIND = { group: '', plural: 'resourcequotas' };

/**
 * Quota admission, skipped for a namespace already found to have no
 * ResourceQuota in this transaction (a batch of pod writes asks once).
 */
async function admitQuotaIn(w: WriteSession, s: Sim, k: KindInfo, obj: K8sObject, old?: K8sObject): Promise<void> {
  if (!k.namespaced || (k.group === '' && k.plural === 'events')) return;
  const namespace = metaOf(obj).namespace ?? '';
  if (w.unquoted.has(namespace)) return;
  await flushEvents(w);
  const [quota] = await w.tx
    .select({ name: k8sObjects.name })
    .from(k8sObjects)
    .where(and(
      eq(k8sObjects.clusterId, s.clusterId), eq(k8sObjects.apiGroup, QUOTA_KIND.group), eq(k8sObjects.resource, QUOTA_KIND.plural),
      eq(k8sObjects.namespace, namespace),
    ))
    .limit(1);
  if (!quota) {
    w.unquoted.add(namespace);
    return;
  }
  await admitQuota(w.tx, s.clusterId, k, obj, old);
}

/** Writes that change what the session remembered about namespaces and quotas forget it. */
function forgetAdmission(w: WriteSession, k: KindInfo, namespace: string | undefined): void {
  if (k.group === QUOTA_KIND.group && k.plural === QUOTA_KIND.plural) w.unquoted.delete(namespace ?? '');
  if (k === NAMESPACES) w.namespaces.clear();
}

/** What the apiserver's create strategies do to status: most kinds start with none. */
function statusOnCreate(k: KindInfo, given: unknown): unknown {
  switch (k.plural) {
    case 'pods': return { phase: 'Pending' };
    case 'namespaces': return { phase: 'Active' };
    case 'persistentvolumeclaims':
    case 'persistentvolumes': return { phase: 'Pending' };
    case 'nodes': return given;
    default: return k.subresources.includes('status') ? undefined : given;
  }
}

// ---------------------------------------------------------------- writes

async function insertObject(w: WriteSession, s: Sim, k: KindInfo, body: K8sObject, holdBack: boolean): Promise<K8sObject> {
  const m = metaOf(body);
  const values = {
    clusterId: s.clusterId,
    apiGroup: k.group,
    resource: k.plural,
    namespace: scopeOf(k, m.namespace),
    name: m.name!,
    uid: m.uid!,
    resourceVersion: Number(m.resourceVersion),
    generation: m.generation ?? 1,
    labels: m.labels ?? {},
    ownerUids: ownerUids(body),
    body,
    createdAt: s.clock.now(),
  };
  if (holdBack) {
    w.pendingEvents.push(values);
    return body;
  }
  const [row] = await w.tx.insert(k8sObjects).values(values).onConflictDoNothing().returning({ name: k8sObjects.name });
  if (!row) throw alreadyExists(k, m.name!);
  return body;
}

/** `deferInsert`: the name is unique by construction (an event recorder's), so the row may be written with others later in the transaction. */
export interface CreateOptions {
  deferInsert?: boolean;
}

export async function createObject(s: Sim, k: KindInfo, namespace: string | undefined, input: unknown, o: CreateOptions = {}): Promise<K8sObject> {
  const body = checkBody(input);
  checkTypeMeta(k, body);
  const given = metaOf(body);
  const ns = scopeOf(k, namespace ?? given.namespace);
  if (k.namespaced && !ns) throw badRequest('the namespace of the object must be given');
  if (k.namespaced && given.namespace !== undefined && given.namespace !== ns) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  let name = typeof given.name === 'string' ? given.name : '';
  if (!name && typeof given.generateName === 'string' && given.generateName) name = generatedName(given.generateName);
  if (!name) {
    throw invalid(k, '', [{ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' }]);
  }
  validateObject(k, name, body);
  s.admit?.(k, name, body);
  return writeTransaction(s, async (w) => {
    await ensureNamespace(w, s, k, ns, name);
    const metadata: ObjectMeta = { ...given, name, uid: newUid(), resourceVersion: '', creationTimestamp: k8sTime(s.clock.now()) };
    if (k.namespaced) metadata.namespace = ns;
    else delete metadata.namespace;
    delete metadata.deletionTimestamp;
    if (k.group !== '' || ['pods', 'services', 'persistentvolumeclaims', 'persistentvolumes', 'nodes', 'namespaces', 'resourcequotas'].includes(k.plural)) {
      metadata.generation = 1;
    } else delete metadata.generation;
    const stored: K8sObject = { ...body, apiVersion: apiVersionOf(k), kind: k.kind, metadata };
    if (k.plural === 'namespaces') stored.spec = { finalizers: ['kubernetes'], ...(isPlainObject(body.spec) ? body.spec : {}) };
    const status = statusOnCreate(k, body.status);
    if (status === undefined) delete stored.status;
    else stored.status = status;
    admitDefaultTolerations(k, stored);
    await admitQuotaIn(w, s, k, stored);
    // The version is taken once admission has passed, right before the first write.
    const rv = nextVersion(w);
    metadata.resourceVersion = String(rv);
    await insertObject(w, s, k, stored, o.deferInsert === true);
    forgetAdmission(w, k, ns);
    recordChange(w, s, k, 'ADDED', rv, stored);
    return stored;
  });
}

/**
 * The object as stored. No row lock: every writer of the cluster holds its
 * counter row, so nobody else can change the object before we commit.
 */
async function lockObject(w: WriteSession, s: Sim, k: KindInfo, namespace: string, name: string): Promise<K8sObject> {
  await flushEvents(w);
  const [row] = await w.tx.select({ body: k8sObjects.body }).from(k8sObjects).where(objectKey(s, k, namespace, name));
  if (!row) throw notFound(k, name);
  return row.body as K8sObject;
}

export type Subresource = 'status' | undefined;

/**
 * The object an update stores: the main resource keeps the system metadata and
 * (when there is a status subresource) the status; the status subresource
 * changes only status.
 */
function nextBody(k: KindInfo, current: K8sObject, given: K8sObject, sub: Subresource): K8sObject {
  const cur = metaOf(current);
  if (sub === 'status') return { ...current, status: given.status };
  const m = metaOf(given);
  const metadata: ObjectMeta = {
    ...m,
    name: cur.name,
    uid: cur.uid,
    resourceVersion: cur.resourceVersion,
    creationTimestamp: cur.creationTimestamp,
    ...(cur.namespace !== undefined ? { namespace: cur.namespace } : {}),
    ...(cur.generation !== undefined ? { generation: cur.generation } : {}),
    ...(cur.deletionTimestamp !== undefined ? { deletionTimestamp: cur.deletionTimestamp } : {}),
  };
  if (m.generateName === undefined) delete metadata.generateName;
  const next: K8sObject = { ...given, apiVersion: apiVersionOf(k), kind: k.kind, metadata };
  if (k.subresources.includes('status')) {
    if (current.status === undefined) delete next.status;
    else next.status = current.status;
  }
  return next;
}

/** Stores `next` over `current` (already locked), unless nothing changed: then no new version, like the apiserver. */
/** A write based on a remembered copy of the object found the stored one newer: read it and start again. */
class StaleCopy extends Error {}

/**
 * Stores `next` over `current` (already read), unless nothing changed: then
 * no new version, like the apiserver. `guarded`: `current` is the caller's
 * copy, not read in this transaction; the write happens only if the stored
 * object still has its resourceVersion, else StaleCopy.
 */
async function writeUpdate(
  w: WriteSession, s: Sim, k: KindInfo, current: K8sObject, next: K8sObject, sub: Subresource, guarded = false,
): Promise<K8sObject> {
  const cur = metaOf(current);
  const name = cur.name!;
  if (sub !== 'status') {
    validateObject(k, name, next);
    s.admit?.(k, name, next);
  }
  if (jsonEqual(next, current)) return current;
  if (sub !== 'status') await admitQuotaIn(w, s, k, next, current);
  const rv = nextVersion(w);
  const m = metaOf(next);
  const specChanged = sub !== 'status' && !jsonEqual(next.spec, current.spec);
  const generation = cur.generation !== undefined ? cur.generation + (specChanged ? 1 : 0) : undefined;
  const stored: K8sObject = {
    ...next,
    metadata: { ...m, resourceVersion: String(rv), ...(generation !== undefined ? { generation } : {}) },
  };
  await flushEvents(w);
  const written = await w.tx
    .update(k8sObjects)
    .set({
      resourceVersion: rv,
      generation: generation ?? 1,
      labels: metaOf(stored).labels ?? {},
      ownerUids: ownerUids(stored),
      body: stored,
    })
    .where(and(
      objectKey(s, k, scopeOf(k, cur.namespace), name),
      ...(guarded ? [eq(k8sObjects.resourceVersion, Number(cur.resourceVersion))] : []),
    ))
    .returning({ name: k8sObjects.name });
  if (guarded && !written.length) throw new StaleCopy();
  forgetAdmission(w, k, cur.namespace);
  recordChange(w, s, k, 'MODIFIED', rv, stored);
  return stored;
}

function checkIdentity(k: KindInfo, name: string, namespace: string, body: K8sObject): void {
  checkTypeMeta(k, body);
  const m = metaOf(body);
  if (m.name !== undefined && m.name !== name) {
    throw badRequest(`the name of the object (${String(m.name)}) does not match the name on the URL (${name})`);
  }
  if (k.namespaced && m.namespace !== undefined && m.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

/** PUT: 409 Conflict when metadata.resourceVersion is given and stale; unconditional when it is omitted. */
export async function updateObject(
  s: Sim, k: KindInfo, namespace: string | undefined, name: string, input: unknown, sub?: Subresource,
): Promise<K8sObject> {
  const body = checkBody(input);
  const ns = scopeOf(k, namespace);
  checkIdentity(k, name, ns, body);
  return writeTransaction(s, async (w) => {
    const current = await lockObject(w, s, k, ns, name);
    const want = metaOf(body).resourceVersion;
    if (want !== undefined && want !== '' && want !== metaOf(current).resourceVersion) throw conflict(k, name);
    return writeUpdate(w, s, k, current, nextBody(k, current, { ...body, metadata: { ...metaOf(body), name } }, sub), sub);
  });
}

export type PatchType = 'merge' | 'strategic' | 'json';

/**
 * PATCH, read-modify-write under the row lock, so concurrent patches never
 * conflict; a patch that names metadata.resourceVersion still gets 409 when stale.
 */
export async function patchObject(
  s: Sim, k: KindInfo, namespace: string | undefined, name: string, type: PatchType, patch: unknown, sub?: Subresource,
  o: { known?: K8sObject } = {},
): Promise<K8sObject> {
  const ns = scopeOf(k, namespace);
  const apply = (w: WriteSession, current: K8sObject, guarded: boolean) => {
    let patched: unknown;
    try {
      patched = applyPatch(k, type, current, patch);
    } catch (err) {
      if (err instanceof PatchError) throw new K8sError(failureStatus(422, `the patch could not be applied: ${err.message}`, 'Invalid'));
      throw err;
    }
    const body = checkBody(patched);
    checkIdentity(k, name, ns, body);
    if (metaOf(body).resourceVersion !== metaOf(current).resourceVersion) throw conflict(k, name);
    return writeUpdate(w, s, k, current, nextBody(k, current, body, sub), sub, guarded);
  };
  return writeTransaction(s, async (w) => {
    // A controller that holds the object (its cache) saves the read: one guarded UPDATE, unless it is out of date.
    if (o.known) {
      try {
        return await apply(w, o.known, true);
      } catch (err) {
        if (!(err instanceof StaleCopy)) throw err;
      }
    }
    return apply(w, await lockObject(w, s, k, ns, name), false);
  });
}

/**
 * The pods/binding subresource: sets spec.nodeName and the PodScheduled
 * condition in one write, as the apiserver's binding does; 409 when the pod
 * is already bound.
 */
export async function bindPod(
  s: Sim, namespace: string, name: string, node: string, scheduled: Record<string, unknown>, o: { known?: K8sObject } = {},
): Promise<K8sObject> {
  const k = KINDS.find((x) => x.group === '' && x.plural === 'pods')!;
  const bind = (w: WriteSession, current: K8sObject, guarded: boolean) => {
    const spec = isPlainObject(current.spec) ? current.spec : {};
    if (typeof spec.nodeName === 'string' && spec.nodeName) {
      throw conflict({ group: '', plural: 'pods/binding' }, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
    }
    const status = isPlainObject(current.status) ? current.status : {};
    const list: unknown[] = Array.isArray(status.conditions) ? status.conditions : [];
    const at = list.findIndex((c) => isPlainObject(c) && c.type === 'PodScheduled');
    const conditions = at < 0 ? [...list, scheduled] : list.map((c, i) => (i === at ? scheduled : c));
    const next: K8sObject = { ...current, spec: { ...spec, nodeName: node }, status: { ...status, conditions } };
    return writeUpdate(w, s, k, current, next, undefined, guarded);
  };
  return writeTransaction(s, async (w) => {
    if (o.known) {
      try {
        return await bind(w, o.known, true);
      } catch (err) {
        if (!(err instanceof StaleCopy)) throw err;
      }
    }
    return bind(w, await lockObject(w, s, k, namespace, name), false);
  });
}

// ---------------------------------------------------------------- delete

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

async function removeRow(w: WriteSession, s: Sim, k: KindInfo, body: K8sObject): Promise<K8sObject> {
  await flushEvents(w);
  const m = metaOf(body);
  const rv = nextVersion(w);
  const gone: K8sObject = { ...body, metadata: { ...m, resourceVersion: String(rv) } };
  await w.tx.delete(k8sObjects).where(objectKey(s, k, scopeOf(k, m.namespace), m.name!));
  forgetAdmission(w, k, m.namespace);
  recordChange(w, s, k, 'DELETED', rv, gone);
  return gone;
}

interface Row {
  kind: KindInfo;
  body: K8sObject;
}

/** Rows store group and resource, not version: each (group, resource) is served at one version. */
function kindOfRow(r: { apiGroup: string; resource: string }): KindInfo | undefined {
  return KINDS.find((k) => k.group === r.apiGroup && k.plural === r.resource);
}

async function dependentsOf(w: WriteSession, s: Sim, uid: string): Promise<Row[]> {
  await flushEvents(w);
  const rows = await w.tx
    .select({ apiGroup: k8sObjects.apiGroup, resource: k8sObjects.resource, body: k8sObjects.body })
    .from(k8sObjects)
    .where(and(eq(k8sObjects.clusterId, s.clusterId), sql`${k8sObjects.ownerUids} @> ${JSON.stringify([uid])}::jsonb`))
    .orderBy(asc(k8sObjects.namespace), asc(k8sObjects.name));
  return rows.flatMap((r) => {
    const kind = kindOfRow(r);
    return kind ? [{ kind, body: r.body as K8sObject }] : [];
  });
}

/**
 * Deletes an object and, by policy, its dependents (objects whose
 * ownerReferences name it): Background deletes the owner then its dependents,
 * Foreground the dependents first, Orphan strips the reference from them. The
 * real garbage collector does this asynchronously; here it is one transaction.
 */
async function deleteTree(w: WriteSession, s: Sim, row: Row, policy: PropagationPolicy, seen: Set<string>): Promise<K8sObject> {
  const uid = metaOf(row.body).uid!;
  seen.add(uid);
  if (row.kind.plural === 'namespaces') await deleteNamespaceContents(w, s, metaOf(row.body).name!, seen);
  if (policy === 'Orphan') {
    for (const dep of await dependentsOf(w, s, uid)) {
      const m = metaOf(dep.body);
      const refs = (m.ownerReferences ?? []).filter((r) => r.uid !== uid);
      const next: K8sObject = { ...dep.body, metadata: { ...m, ownerReferences: refs } };
      if (!refs.length) delete (next.metadata as ObjectMeta).ownerReferences;
      await writeUpdate(w, s, dep.kind, dep.body, next, undefined);
    }
    return removeRow(w, s, row.kind, row.body);
  }
  const deleteDependents = async () => {
    for (const dep of await dependentsOf(w, s, uid)) {
      if (!seen.has(metaOf(dep.body).uid!)) await deleteTree(w, s, dep, policy, seen);
    }
  };
  if (policy === 'Foreground') {
    await deleteDependents();
    return removeRow(w, s, row.kind, row.body);
  }
  const gone = await removeRow(w, s, row.kind, row.body);
  await deleteDependents();
  return gone;
}

/** Namespace finalization: everything in it goes, each with its own DELETED change. */
async function deleteNamespaceContents(w: WriteSession, s: Sim, namespace: string, seen: Set<string>): Promise<void> {
  await flushEvents(w);
  const rows = await w.tx
    .select({ apiGroup: k8sObjects.apiGroup, resource: k8sObjects.resource, body: k8sObjects.body })
    .from(k8sObjects)
    .where(and(eq(k8sObjects.clusterId, s.clusterId), eq(k8sObjects.namespace, namespace)))
    .orderBy(asc(k8sObjects.apiGroup), asc(k8sObjects.resource), asc(k8sObjects.name));
  for (const r of rows) {
    const kind = kindOfRow(r);
    const body = r.body as K8sObject;
    if (!kind || seen.has(metaOf(body).uid!)) continue;
    seen.add(metaOf(body).uid!);
    // A dependent already deleted through its owner is gone: skip what no longer exists.
    const [still] = await w.tx.select({ name: k8sObjects.name }).from(k8sObjects).where(objectKey(s, kind, namespace, metaOf(body).name!));
    if (still) await removeRow(w, s, kind, body);
  }
}

export async function deleteObject(
  s: Sim, k: KindInfo, namespace: string | undefined, name: string, o: DeleteOptions = {},
): Promise<K8sObject> {
  const ns = scopeOf(k, namespace);
  const policy = o.propagationPolicy ?? 'Background';
  if (!['Foreground', 'Background', 'Orphan'].includes(policy)) {
    throw badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan"`);
  }
  return writeTransaction(s, async (w) => {
    const current = await lockObject(w, s, k, ns, name);
    const m = metaOf(current);
    const pre = o.preconditions ?? {};
    if (pre.uid && pre.uid !== m.uid) {
      throw conflict(k, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${m.uid}`);
    }
    if (pre.resourceVersion && pre.resourceVersion !== m.resourceVersion) {
      throw conflict(k, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${m.resourceVersion}`);
    }
    return deleteTree(w, s, { kind: k, body: current }, policy, new Set());
  });
}

// ---------------------------------------------------------------- scale

/** The autoscaling/v1 Scale of a workload, as the scale subresource shows it. */
export function scaleOf(k: KindInfo, o: K8sObject): K8sObject {
  const m = metaOf(o);
  const spec = isPlainObject(o.spec) ? o.spec : {};
  const status = isPlainObject(o.status) ? o.status : {};
  const selector = isPlainObject(spec.selector) && isPlainObject(spec.selector.matchLabels)
    ? Object.entries(spec.selector.matchLabels).map(([key, v]) => `${key}=${String(v)}`).join(',')
    : '';
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 1 },
    status: { replicas: typeof status.replicas === 'number' ? status.replicas : 0, ...(selector ? { selector } : {}) },
  };
}

/** Writes a Scale's spec.replicas into the workload; 409 on a stale Scale resourceVersion. */
export async function updateScale(s: Sim, k: KindInfo, namespace: string, name: string, input: unknown): Promise<K8sObject> {
  const scale = checkBody(input);
  const replicas = isPlainObject(scale.spec) ? scale.spec.replicas : undefined;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid({ group: 'autoscaling', kind: 'Scale' }, name, [{ field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0` }]);
  }
  return writeTransaction(s, async (w) => {
    const current = await lockObject(w, s, k, namespace, name);
    const want = metaOf(scale).resourceVersion;
    if (want && want !== metaOf(current).resourceVersion) throw conflict(k, name);
    const spec = isPlainObject(current.spec) ? current.spec : {};
    const next = await writeUpdate(w, s, k, current, { ...current, spec: { ...spec, replicas } }, undefined);
    return scaleOf(k, next);
  });
}

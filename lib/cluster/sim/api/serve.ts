import type { Ctx } from '@/lib/context';
import { json } from '@/lib/http/route';
import type { KindInfo } from '../kinds';
import { apiVersionOf } from '../kinds';
import { badRequest, failureStatus, K8sError, methodNotAllowed } from '../status';
import {
  createObject, deleteObject, getObject, listObjects, listObjectsJson, patchObject, scaleOf, updateObject, updateScale,
  type PropagationPolicy, type Sim,
} from '../store';
import { jsonPatch, mergePatch, PatchError } from '../patch';
import { requireAccess, visibleSimCluster } from './access';
import { deleteOptionsBody, objectBody, patchBody } from './body';
import { apiGroupInfo, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery';
import { decodeObject, fieldValidationParam, type FieldValidation } from '../openapi/decode';
import { admitObject } from '../openapi/validate';
import { openapiV3Document, openapiV3Index } from '../openapi/v3';
import { OPENAPI_V2_PROTOBUF, openapiV2Json, openapiV2Protobuf } from '../openapi/v2';
import { notServed, parseApiPath } from './paths';
import { includeObjectParam, notAcceptable, onlyUnsupportedTables, tableRequested, toTable, type TableOptions } from './table';
import { watchStream } from './watch';
import { podLog } from './logs';
import { jsonText } from './reply';

type ObjectPath = { kind: KindInfo; namespace?: string; name?: string; subresource?: string };

const VERB_BY_METHOD: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

function flag(v: string | null): boolean {
  return v === 'true' || v === '1';
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^[0-9]+$/.test(v)) throw badRequest(`${name}: Invalid value: ${JSON.stringify(v)}: must be a non-negative integer`);
  return Number(v);
}

/**
 * One request to a simulated cluster's API: find the cluster, route the path,
 * authorize, and call the store. Every answer is Kubernetes' wire format.
 */
export async function serveK8s(ctx: Ctx, req: Request, clusterName: string, segments: string[]): Promise<Response> {
  const cluster = await visibleSimCluster(ctx, clusterName);
  const path = parseApiPath(segments);
  const method = req.method.toUpperCase();
  if (path.type !== 'object') {
    if (method !== 'GET') throw methodNotAllowed(`the server does not allow this method on the requested resource`);
    switch (path.type) {
      case 'version': return json(versionInfo());
      case 'api': return json(apiVersions(new URL(req.url).host));
      case 'apis': return json(apiGroupList());
      case 'group': return json(apiGroupInfo(path.group));
      case 'resources': return json(apiResourceList(path.group, path.version));
      case 'openapi': return openapi(clusterName, path);
      case 'openapiV2': return openapiV2(req.headers.get('accept'));
    }
  }
  const s: Sim = { db: ctx.db, clock: ctx.clock, clusterId: cluster.id, admit: admitObject };
  const q = new URL(req.url).searchParams;
  if (method === 'GET') {
    const verb = path.name ? 'get' : q.get('watch') === 'true' || q.get('watch') === '1' ? 'watch' : 'list';
    await requireAccess(ctx, cluster, verb, path.kind, path.namespace, path.name);
  } else {
    await requireAccess(ctx, cluster, path.name || method !== 'DELETE' ? VERB_BY_METHOD[method] ?? method.toLowerCase() : 'deletecollection',
      path.kind, path.namespace, method === 'POST' ? undefined : path.name);
  }
  if (path.subresource === 'log') {
    if (method !== 'GET') throw methodNotAllowed('the server does not allow this method on the requested resource');
    return podLog(s, path.namespace ?? '', path.name!, q, req.signal);
  }
  switch (method) {
    case 'GET': {
      const accept = req.headers.get('accept');
      if (onlyUnsupportedTables(accept)) throw notAcceptable();
      const version = path.subresource ? null : tableRequested(accept);
      const table = version ? { version, includeObject: includeObjectParam(q.get('includeObject')), now: ctx.clock.now() } : undefined;
      return path.name ? read(s, path as Required<ObjectPath>, table) : collection(s, path, q, table);
    }
    case 'POST': return create(s, path, req, writeOptions(q));
    case 'PUT': return replace(s, path, req, writeOptions(q));
    case 'PATCH': return patch(s, path, req, writeOptions(q));
    case 'DELETE': return remove(s, path, req, q, writeOptions(q));
    default: throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
}

function openapi(clusterName: string, p: { group?: string; version?: string }): Response {
  if (p.version === undefined) return json(openapiV3Index(`/k8s/${encodeURIComponent(clusterName)}`));
  const text = openapiV3Document({ group: p.group ?? '', version: p.version });
  if (text === null) throw notServed();
  return new Response(text, { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'public, immutable' } });
}

/**
 * Protobuf when the client accepts it (kubectl < 1.27 asks only for that),
 * else JSON. The protobuf goes out as application/octet-stream, as
 * kube-openapi sends it: Go's media type parser refuses the `@` of the
 * type the client asked for, and client-go would fail on it.
 */
function openapiV2(accept: string | null): Response {
  const headers = { 'cache-control': 'public, immutable' };
  if (accept?.includes(OPENAPI_V2_PROTOBUF)) {
    return new Response(openapiV2Protobuf() as BodyInit, { status: 200, headers: { ...headers, 'content-type': 'application/octet-stream' } });
  }
  return new Response(openapiV2Json(), { status: 200, headers: { ...headers, 'content-type': 'application/json' } });
}

async function read(s: Sim, p: Required<ObjectPath>, table?: TableOptions): Promise<Response> {
  const obj = await getObject(s, p.kind, p.namespace, p.name);
  if (table) return json(toTable(p.kind, [obj], { resourceVersion: obj.metadata?.resourceVersion }, table));
  return json(p.subresource === 'scale' ? scaleOf(p.kind, obj) : obj);
}

async function collection(s: Sim, p: ObjectPath, q: URLSearchParams, table?: TableOptions): Promise<Response> {
  const common = { namespace: p.namespace, labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector') };
  if (flag(q.get('watch'))) {
    const stream = watchStream(s, p.kind, {
      ...common,
      resourceVersion: q.get('resourceVersion'),
      timeoutSeconds: intParam(q, 'timeoutSeconds'),
      allowWatchBookmarks: flag(q.get('allowWatchBookmarks')),
      table,
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-cache, private' } });
  }
  const o = { ...common, limit: intParam(q, 'limit'), continue: q.get('continue') };
  if (!table) {
    // The stored objects go out as the store printed them: no parse and re-serialize (docs/cluster-sim.md).
    return jsonText(await listObjectsJson(s, p.kind, o));
  }
  const list = await listObjects(s, p.kind, o);
  return json(toTable(p.kind, list.items, list.metadata, table));
}

function named(p: ObjectPath, method: string): asserts p is Required<Omit<ObjectPath, 'subresource'>> & ObjectPath {
  if (!p.name) throw methodNotAllowed(`the server does not allow this method on the requested resource (${method} ${p.kind.plural})`);
}

/** Options every write takes from the query: dryRun=All, and what to do with unknown fields. */
interface WriteOptions {
  dryRun: boolean;
  fieldValidation: FieldValidation;
}

function writeOptions(q: URLSearchParams): WriteOptions {
  const dry = q.getAll('dryRun');
  for (const d of dry) if (d !== 'All') throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(d)}: supported values: "All"`);
  return { dryRun: dry.length > 0, fieldValidation: fieldValidationParam(q.get('fieldValidation')) };
}

class DryRunResult {
  constructor(readonly value: unknown) {}
}

/**
 * Runs a write; with dryRun=All inside a transaction that is rolled back, so
 * every check (schema, conflicts, admission) runs and nothing is stored or
 * seen by watches.
 */
async function write<T>(s: Sim, o: WriteOptions, fn: (s: Sim) => Promise<T>): Promise<T> {
  if (!o.dryRun) return fn(s);
  try {
    await s.db.transaction(async (tx) => {
      throw new DryRunResult(await fn({ ...s, db: tx as unknown as Sim['db'] }));
    });
  } catch (err) {
    if (err instanceof DryRunResult) return err.value as T;
    throw err;
  }
  throw new Error('dry run ended without a result');
}

/** The apiserver's Warning header for each unknown field (fieldValidation=Warn). */
function warningHeaders(warnings: string[]): Headers {
  const h = new Headers();
  for (const w of warnings) h.append('warning', `299 - ${JSON.stringify(w)}`);
  return h;
}

async function create(s: Sim, p: ObjectPath, req: Request, o: WriteOptions): Promise<Response> {
  if (p.name) throw methodNotAllowed(`the server does not allow this method on the requested resource (post ${p.kind.plural})`);
  const body = await objectBody(req);
  const { warnings } = decodeObject(p.kind, body, o.fieldValidation);
  return json(await write(s, o, (t) => createObject(t, p.kind, p.namespace, body)), 201, warningHeaders(warnings));
}

async function replace(s: Sim, p: ObjectPath, req: Request, o: WriteOptions): Promise<Response> {
  named(p, 'put');
  const body = await objectBody(req);
  if (p.subresource === 'scale') return json(await write(s, o, (t) => updateScale(t, p.kind, p.namespace ?? '', p.name, body)));
  const { warnings } = decodeObject(p.kind, body, o.fieldValidation);
  return json(await write(s, o, (t) => updateObject(t, p.kind, p.namespace, p.name, body, p.subresource === 'status' ? 'status' : undefined)),
    200, warningHeaders(warnings));
}

async function patch(s: Sim, p: ObjectPath, req: Request, o: WriteOptions): Promise<Response> {
  named(p, 'patch');
  const { type, patch: body } = await patchBody(req);
  if (p.subresource === 'scale') {
    const current = scaleOf(p.kind, await getObject(s, p.kind, p.namespace, p.name));
    let next: unknown;
    try {
      next = type === 'json' ? jsonPatch(current, body) : mergePatch(current, body);
    } catch (err) {
      if (err instanceof PatchError) throw new K8sError(failureStatus(422, `the patch could not be applied: ${err.message}`, 'Invalid'));
      throw err;
    }
    return json(await write(s, o, (t) => updateScale(t, p.kind, p.namespace ?? '', p.name, next)));
  }
  // Merge patches have the object's shape: unknown fields in them are unknown fields of the result.
  const { warnings } = type === 'json' ? { warnings: [] } : decodeObject(p.kind, body, o.fieldValidation);
  return json(await write(s, o, (t) => patchObject(t, p.kind, p.namespace, p.name, type, body, p.subresource === 'status' ? 'status' : undefined)),
    200, warningHeaders(warnings));
}

async function remove(s: Sim, p: ObjectPath, req: Request, q: URLSearchParams, o: WriteOptions): Promise<Response> {
  return write(s, o, (t) => removeNow(t, p, req, q));
}

function deleteOptions(body: Record<string, unknown>, q: URLSearchParams) {
  let policy = (q.get('propagationPolicy') ?? body.propagationPolicy) as PropagationPolicy | undefined;
  const orphan = q.get('orphanDependents') ?? body.orphanDependents;
  if (policy === undefined && (orphan === true || orphan === 'true')) policy = 'Orphan';
  const pre = (body.preconditions ?? {}) as { uid?: string; resourceVersion?: string };
  return { propagationPolicy: policy, preconditions: pre };
}

async function removeNow(s: Sim, p: ObjectPath, req: Request, q: URLSearchParams): Promise<Response> {
  const o = deleteOptions(await deleteOptionsBody(req), q);
  if (p.subresource) throw methodNotAllowed('the server does not allow this method on the requested resource');
  if (p.name) return json(await deleteObject(s, p.kind, p.namespace, p.name, o));
  // deletecollection: every object the selectors match, one by one.
  const deleted = [];
  for (;;) {
    const page = await listObjects(s, p.kind, { namespace: p.namespace, labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector'), limit: 500 });
    for (const item of page.items) {
      const m = item.metadata!;
      deleted.push(await deleteObject(s, p.kind, m.namespace, m.name!, { propagationPolicy: o.propagationPolicy }).catch((err) => {
        if ((err as { reason?: string }).reason === 'NotFound') return null;
        throw err;
      }));
    }
    if (!page.metadata.continue) break;
  }
  return json({ apiVersion: apiVersionOf(p.kind), kind: `${p.kind.kind}List`, metadata: {}, items: deleted.filter(Boolean) });
}

import { PatchStrategy, Watch } from '@kubernetes/client-node';
import type { KubeClients } from './connect';
import { kube, kubeStatusOf, toPierError } from './errors';
import type { PierError } from '@/lib/errors';
import type { ObjectMeta } from '../object-meta';
import { noteWrite } from './own-writes';

/** A Kubernetes object as JSON on the wire. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [k: string]: unknown;
}

export interface KindRef {
  apiVersion: string;
  kind: string;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size; the server may return fewer. */
  limit?: number;
  /** The previous page's `continue`. */
  continue?: string;
}

export interface Page<T extends KubeObject = KubeObject> {
  items: T[];
  /** Set when there is another page. */
  continue?: string;
  resourceVersion: string;
  remainingItemCount?: number;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

function refOf(obj: KubeObject): KindRef {
  if (!obj.apiVersion || !obj.kind) throw toPierError(Object.assign(new Error('apiVersion and kind are required'), { statusCode: 400 }));
  return { apiVersion: obj.apiVersion, kind: obj.kind };
}

/** One page of a list: Kubernetes' own limit/continue paging. */
export async function listPage<T extends KubeObject = KubeObject>(c: KubeClients, ref: KindRef, o: ListOptions = {}): Promise<Page<T>> {
  return kube(async () => {
    const { path } = await c.objects.pathOf(ref.apiVersion, ref.kind, o.namespace);
    const list = await c.objects.send<{ items: T[]; metadata?: { continue?: string; resourceVersion?: string; remainingItemCount?: number } }>('GET', path, {
      query: { labelSelector: o.labelSelector, fieldSelector: o.fieldSelector, limit: o.limit, continue: o.continue },
    });
    const kind = ref.kind;
    const items = (list.items ?? []).map((i) => ({ apiVersion: ref.apiVersion, kind, ...i }));
    return {
      items,
      continue: list.metadata?.continue || undefined,
      resourceVersion: list.metadata?.resourceVersion ?? '',
      ...(list.metadata?.remainingItemCount !== undefined ? { remainingItemCount: list.metadata.remainingItemCount } : {}),
    };
  });
}

/** Every page, `pageSize` at a time; for bounded sets (a namespace's pods of one app, a cluster's nodes). */
export async function listAll<T extends KubeObject = KubeObject>(c: KubeClients, ref: KindRef, o: Omit<ListOptions, 'limit' | 'continue'> = {}, pageSize = 500): Promise<Page<T>> {
  const first = await listPage<T>(c, ref, { ...o, limit: pageSize });
  const items = [...first.items];
  let next = first.continue;
  while (next) {
    const page = await listPage<T>(c, ref, { ...o, limit: pageSize, continue: next });
    items.push(...page.items);
    next = page.continue;
  }
  return { items, resourceVersion: first.resourceVersion };
}

export async function getObject<T extends KubeObject = KubeObject>(c: KubeClients, ref: KindRef, name: string, namespace?: string): Promise<T> {
  return kube(async () => c.objects.send<T>('GET', (await c.objects.pathOf(ref.apiVersion, ref.kind, namespace, name)).path));
}

/** Creates; the object's metadata.namespace picks the namespace. */
export async function createObject<T extends KubeObject = KubeObject>(c: KubeClients, obj: T): Promise<T> {
  return kube(async () => {
    const { path } = await c.objects.pathOf(refOf(obj).apiVersion, refOf(obj).kind, obj.metadata?.namespace);
    const made = await c.objects.send<T>('POST', path, { body: obj });
    noteWrite(c, refOf(obj), made.metadata?.name, made.metadata?.namespace, made);
    return made;
  });
}

/** Replaces (PUT). With metadata.resourceVersion set, a stale version is a Conflict. */
export async function replaceObject<T extends KubeObject = KubeObject>(c: KubeClients, obj: T): Promise<T> {
  return kube(async () => {
    const { path } = await c.objects.pathOf(refOf(obj).apiVersion, refOf(obj).kind, obj.metadata?.namespace, obj.metadata?.name);
    const put = await c.objects.send<T>('PUT', path, { body: obj });
    noteWrite(c, refOf(obj), obj.metadata?.name, obj.metadata?.namespace, put);
    return put;
  });
}

/**
 * Create, or replace what is there. Without a resourceVersion in `obj` the
 * replace takes the current one (last writer wins, retried on a race); with
 * one, a stale version is a Conflict, as the caller asked for.
 */
export async function createOrUpdate<T extends KubeObject = KubeObject>(c: KubeClients, obj: T): Promise<{ object: T; created: boolean }> {
  try {
    return { object: await createObject(c, obj), created: true };
  } catch (err) {
    if (kubeStatusOf(err)?.reason !== 'AlreadyExists') throw err;
  }
  const pinned = obj.metadata?.resourceVersion;
  for (let attempt = 0; ; attempt++) {
    const current = await getObject<T>(c, refOf(obj), obj.metadata!.name!, obj.metadata?.namespace);
    const next = { ...obj, metadata: { ...obj.metadata, resourceVersion: pinned ?? current.metadata?.resourceVersion } };
    try {
      return { object: await replaceObject(c, next), created: false };
    } catch (err) {
      if (pinned || attempt >= 2 || (err as PierError).status !== 409) throw err;
    }
  }
}

/**
 * JSON merge patch (RFC 7386): maps merge, lists are replaced whole, null
 * removes a key. `subresource: 'status'` patches only the status.
 */
export async function mergePatch<T extends KubeObject = KubeObject>(
  c: KubeClients, ref: KindRef, name: string, namespace: string | undefined, patch: object, o: { subresource?: 'status' | 'scale' } = {},
): Promise<T> {
  return kube(async () => {
    const { path } = await c.objects.pathOf(ref.apiVersion, ref.kind, namespace, name);
    const patched = await c.objects.send<T>('PATCH', o.subresource ? `${path}/${o.subresource}` : path, { body: patch, contentType: PatchStrategy.MergePatch });
    noteWrite(c, ref, name, namespace, patched);
    return patched;
  });
}

/** JSON patch (RFC 6902), for edits a merge patch cannot say (one list item, a test-and-set). */
export async function jsonPatch<T extends KubeObject = KubeObject>(
  c: KubeClients, ref: KindRef, name: string, namespace: string | undefined, ops: object[], o: { subresource?: 'status' } = {},
): Promise<T> {
  return kube(async () => {
    const { path } = await c.objects.pathOf(ref.apiVersion, ref.kind, namespace, name);
    const patched = await c.objects.send<T>('PATCH', o.subresource ? `${path}/${o.subresource}` : path, { body: ops, contentType: PatchStrategy.JsonPatch });
    noteWrite(c, ref, name, namespace, patched);
    return patched;
  });
}

/** Deletes with a propagation policy (Background by default, as kubectl does); answers what the server answered. */
export async function deleteObject(
  c: KubeClients, ref: KindRef, name: string, namespace?: string,
  o: { propagationPolicy?: PropagationPolicy; preconditions?: { uid?: string; resourceVersion?: string } } = {},
): Promise<KubeObject> {
  return kube(async () => {
    const { path } = await c.objects.pathOf(ref.apiVersion, ref.kind, namespace, name);
    const answer = await c.objects.send<KubeObject>('DELETE', path, {
      body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: o.propagationPolicy ?? 'Background', ...(o.preconditions ? { preconditions: o.preconditions } : {}) },
    });
    noteWrite(c, ref, name, namespace, undefined, true);
    return answer;
  });
}

export interface Scale {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  metadata: KubeObject['metadata'];
  spec: { replicas?: number };
  status?: { replicas?: number; selector?: string };
}

/** The scale subresource of a Deployment, ReplicaSet or StatefulSet. */
export async function readScale(c: KubeClients, ref: KindRef, name: string, namespace: string): Promise<Scale> {
  return kube(async () => c.objects.send<Scale>('GET', `${(await c.objects.pathOf(ref.apiVersion, ref.kind, namespace, name)).path}/scale`));
}

export async function scale(c: KubeClients, ref: KindRef, name: string, namespace: string, replicas: number): Promise<Scale> {
  return mergePatch(c, ref, name, namespace, { spec: { replicas } }, { subresource: 'scale' }) as unknown as Promise<Scale>;
}

/** A pod's log as text (the container's, when the pod has several). */
export async function podLogs(
  c: KubeClients, namespace: string, name: string, o: { container?: string; tailLines?: number; sinceSeconds?: number; previous?: boolean; timestamps?: boolean } = {},
): Promise<string> {
  return kube(async () => c.objects.send<string>('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log`, {
    accept: 'text', query: { container: o.container, tailLines: o.tailLines, sinceSeconds: o.sinceSeconds, previous: o.previous, timestamps: o.timestamps },
  }));
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchHandle {
  stop(): void;
}

/**
 * Watches a kind (optionally one namespace, selectors, from a resourceVersion).
 * `onEvent` gets each event; `onEnd` once, with the mapped error or
 * undefined when the server closed the stream (the caller re-watches from the
 * last resourceVersion it saw, or lists again after an Expired).
 */
export async function watchObjects<T extends KubeObject = KubeObject>(
  c: KubeClients, ref: KindRef,
  o: { namespace?: string; labelSelector?: string; fieldSelector?: string; resourceVersion?: string; allowWatchBookmarks?: boolean; timeoutSeconds?: number },
  onEvent: (type: WatchEventType, obj: T) => void,
  onEnd: (err?: PierError) => void,
): Promise<WatchHandle> {
  const { path } = await kube(() => c.objects.pathOf(ref.apiVersion, ref.kind, o.namespace));
  const query: Record<string, string> = {};
  for (const k of ['labelSelector', 'fieldSelector', 'resourceVersion', 'timeoutSeconds'] as const) if (o[k] !== undefined && o[k] !== '') query[k] = String(o[k]);
  if (o.allowWatchBookmarks) query.allowWatchBookmarks = 'true';
  let ended = false;
  let controller: AbortController | undefined;
  // Not awaited: Watch.watch resolves only when the response headers arrive, and a server (Next.js
  // among them) may hold those until the first event. Events still arrive in order once it connects.
  void new Watch(c.kc).watch(
    path, query,
    (type: string, obj: T) => {
      if (ended) return;
      if (type === 'ERROR') {
        ended = true;
        controller?.abort();
        onEnd(toPierError(Object.assign(new Error('watch error'), { statusCode: (obj as { code?: number }).code ?? 500 })));
        return;
      }
      onEvent(type as WatchEventType, obj);
    },
    (err: unknown) => {
      if (ended) return;
      ended = true;
      const aborted = (err as { name?: string })?.name === 'AbortError' || (err as { type?: string })?.type === 'aborted';
      onEnd(err && !aborted ? toPierError(err) : undefined);
    },
  ).then((ctl) => {
    controller = ctl;
    if (ended) ctl.abort();
  });
  return {
    stop: () => {
      ended = true;
      controller?.abort();
    },
  };
}

/** `/version` and the node count: what "test connection" shows. */
export async function serverSummary(c: KubeClients): Promise<{ gitVersion: string; platform: string; nodeCount: number }> {
  const version = await kube(() => c.objects.send<{ gitVersion?: string; platform?: string }>('GET', '/version'));
  const nodes = await listAll(c, { apiVersion: 'v1', kind: 'Node' });
  return { gitVersion: version.gitVersion ?? '', platform: version.platform ?? '', nodeCount: nodes.items.length };
}

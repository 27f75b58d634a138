import type { Pod } from 'kubernetes-types/core/v1';
import type { Ctx } from '@/lib/context';
import { Expired, watchObjects, type WatchHandle } from '@/lib/cluster/adapter';
import { cachedSorted } from '@/lib/cluster/adapter/cache';
import { countRows, inScope, matcher, rowOf, rowOfCached } from './rows';
import type { PodCounts, PodQuery, PodStreamMessage } from './schema';
import { podScope, type PodScope } from './scope';

const POD = { apiVersion: 'v1', kind: 'Pod' };
const HEARTBEAT_MS = 15_000;
const RECOUNT_MS = 300;

/** One Server-Sent Event; `id` is the pod's resourceVersion, which EventSource sends back as Last-Event-ID on a reconnect. */
function sse(msg: PodStreamMessage, id?: string): string {
  return `${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(msg)}\n\n`;
}

type P = Pod & { metadata: NonNullable<Pod['metadata']> };

/** The scope's pods from the adapter's cache (its name-sorted index, no copy); walk the result before the next await. */
async function cachedPods(scope: PodScope) {
  const view = await cachedSorted(scope.c, 'pods');
  const namespaces = scope.namespace ? [scope.namespace] : view.index.namespaces().filter((n) => scope.shown.has(n));
  return { resourceVersion: view.resourceVersion, items: namespaces.flatMap((n) => view.index.namespace(n) as unknown as readonly P[]) };
}

/**
 * The dashboard's live updates as Server-Sent Events: a watch of the scope's
 * pods through the adapter from `since` (the list's resourceVersion, or the
 * Last-Event-ID of a reconnect), filtered exactly as the list is. A pod that
 * starts or stops passing the filters arrives as ADDED/MODIFIED or DELETED;
 * the scope's counts follow as COUNTS. A change to a pod in scope that does
 * not pass the filters is sent as DELETED (the client drops it if it has it). When the cluster no longer has that
 * version (410) the client gets RESYNC and lists again; when the watch ends
 * the stream ends and EventSource reconnects from the last id.
 */
export async function podStream(ctx: Ctx, clusterName: string, q: PodQuery, since: string | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const scope = await podScope(ctx, clusterName, q.namespace);
  const fits = matcher(q);
  const start = await cachedPods(scope);
  // Which pods the client was sent, to tell ADDED from MODIFIED.
  const held = new Set<string>();
  for (const p of start.items) if (inScope(p, q) && fits(p, rowOfCached(p))) held.add(p.metadata.uid ?? '');
  const enc = new TextEncoder();
  let watch: WatchHandle | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let recount: NodeJS.Timeout | undefined;
  let lastCounts = '';
  let closed = false;

  return new ReadableStream<Uint8Array>({
    start: async (controller) => {
      const send = (text: string) => {
        if (!closed) controller.enqueue(enc.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        watch?.stop();
        clearInterval(heartbeat);
        clearTimeout(recount);
        controller.close();
      };
      const sendCounts = async () => {
        recount = undefined;
        const view = await cachedPods(scope).catch(() => null);
        if (!view || closed) return;
        const counts: PodCounts = countRows((function* () {
          for (const p of view.items) if (inScope(p, q)) yield rowOfCached(p);
        })());
        const text = JSON.stringify(counts);
        if (text !== lastCounts) send(sse({ type: 'COUNTS', counts }));
        lastCounts = text;
      };
      signal.addEventListener('abort', close);
      // A comment now, so the client sees the stream open; then one every 15 s so proxies keep it and a gone client is noticed.
      send(`retry: 1000\n: open ${since ?? start.resourceVersion}\n\n`);
      heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref?.();
      try {
        watch = await watchObjects(scope.c, POD, { namespace: scope.namespace, resourceVersion: since ?? start.resourceVersion, allowWatchBookmarks: true },
          (type, o) => {
            const p = o as unknown as P;
            const rv = p.metadata?.resourceVersion;
            if (type === 'BOOKMARK') return send(`id: ${rv}\n: bookmark\n\n`);
            const uid = p.metadata?.uid ?? '';
            if (!scope.shown.has(p.metadata?.namespace ?? '') || !inScope(p, q)) return send(`id: ${rv}\n: skip\n\n`);
            recount ??= setTimeout(() => void sendCounts(), RECOUNT_MS);
            const row = rowOf(p);
            if (type !== 'DELETED' && fits(p, row)) {
              const kind = held.has(uid) ? 'MODIFIED' : 'ADDED';
              held.add(uid);
              return send(sse({ type: kind, row }, rv));
            }
            // Sent even when this stream never sent the pod: after a reconnect the client may hold it from before.
            held.delete(uid);
            send(sse({ type: 'DELETED', uid, namespace: row.namespace, name: row.name, resourceVersion: rv }, rv));
          },
          (err) => {
            if (err instanceof Expired) send(sse({ type: 'RESYNC' }));
            close();
          });
      } catch (err) {
        if (err instanceof Expired) send(sse({ type: 'RESYNC' }));
        close();
      }
      if (signal.aborted) close();
    },
    cancel: () => {
      closed = true;
      watch?.stop();
      clearInterval(heartbeat);
      clearTimeout(recount);
    },
  });
}

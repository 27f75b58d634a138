import { apiVersionOf, type KindInfo } from '../kinds';
import { metaOf, type K8sObject } from '../objects';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../selectors';
import { badRequest, failureStatus, K8sError, type K8sStatus } from '../status';
import { toTable, type TableOptions } from './table';
import { subscribeChanges, type ChangeSubscription } from '../notify';
import { readChangeLog } from '../change-log';
import { changeFilter, listObjects, type Sim } from '../store';

export interface WatchOptions {
  namespace?: string;
  resourceVersion?: string | null;
  labelSelector?: string | null;
  fieldSelector?: string | null;
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  /** Send each object as a one-row Table (kubectl get -w). */
  table?: TableOptions;
}

/** How often a watch reads the change log when no notification can wake it (see lib/cluster/sim/notify.ts). */
const POLL_MS = Number(process.env.PIER_SIM_WATCH_POLL_MS || 100);
/** With notifications, a watch still reads the log this often: a lost listener connection costs at most this delay. */
const SAFETY_POLL_MS = 1000;
/** A quiet watch still sends a bookmark this often, so clients can resume from a recent version. */
const BOOKMARK_MS = 10_000;
const MAX_TIMEOUT_SECONDS = 3600;
const BATCH = 500;

/**
 * A watch as newline-delimited JSON WatchEvents, read from k8s_changes each
 * time a change to the cluster commits (LISTEN/NOTIFY, lib/cluster/sim/notify.ts),
 * and every SAFETY_POLL_MS regardless (see docs/cluster-sim.md). Without a
 * resourceVersion (or with "0") it starts with ADDED events for what exists,
 * as the apiserver does.
 */
export function watchStream(s: Sim, k: KindInfo, o: WatchOptions): ReadableStream<Uint8Array> {
  const labels = parseLabelSelector(o.labelSelector);
  const fields = parseFieldSelector(k, o.fieldSelector);
  let from: number | null = null;
  if (o.resourceVersion && o.resourceVersion !== '0') {
    if (!/^[0-9]+$/.test(o.resourceVersion)) throw badRequest(`resourceVersion: Invalid value: ${JSON.stringify(o.resourceVersion)}: must be a number`);
    from = Number(o.resourceVersion);
  }
  const timeoutMs = Math.min(o.timeoutSeconds && o.timeoutSeconds > 0 ? o.timeoutSeconds : 1800, MAX_TIMEOUT_SECONDS) * 1000;
  const enc = new TextEncoder();
  let stopped = false;
  let sub: ChangeSubscription | null = null;
  const bookmark = (rv: number) => ({
    type: 'BOOKMARK',
    object: { kind: k.kind, apiVersion: apiVersionOf(k), metadata: { resourceVersion: String(rv) } },
  });

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      // Next.js sends the response headers with the first chunk. The apiserver
      // answers a watch at once, and clients (client-node's watch, informers)
      // wait for those headers before anything else: so open with a newline,
      // which JSON stream decoders skip as whitespace.
      controller.enqueue(enc.encode('\n'));
      let columnsSent = false;
      const asTable = (ev: { type: string; object: K8sObject | K8sStatus }) => {
        if (!o.table || ev.type === 'ERROR' || ev.type === 'BOOKMARK') return ev;
        const t = toTable(k, [ev.object as K8sObject], { resourceVersion: metaOf(ev.object as K8sObject).resourceVersion },
          { ...o.table, now: s.clock.now(), withColumns: !columnsSent });
        columnsSent = true;
        return { type: ev.type, object: t };
      };
      const send = (ev: { type: string; object: K8sObject | K8sStatus }) => controller.enqueue(enc.encode(`${JSON.stringify(asTable(ev))}\n`));
      const deadline = Date.now() + timeoutMs;
      // Listen before reading anything: a change that commits after the first read still wakes us.
      sub = subscribeChanges(s.db, s.clusterId);
      try {
        const interval = (await sub.ready) ? SAFETY_POLL_MS : POLL_MS;
        let last: number;
        if (from === null) {
          let token: string | undefined;
          let rv = 0;
          do {
            const page = await listObjects(s, k, { namespace: o.namespace, labelSelector: o.labelSelector, fieldSelector: o.fieldSelector, limit: BATCH, continue: token });
            rv = Number(page.metadata.resourceVersion);
            for (const item of page.items) send({ type: 'ADDED', object: { apiVersion: apiVersionOf(k), kind: k.kind, ...item } });
            token = page.metadata.continue;
          } while (token && !stopped);
          last = rv;
        } else last = from;
        let lastSent = Date.now();
        const where = changeFilter(k, o.namespace);
        while (!stopped && Date.now() < deadline) {
          // One statement: the committed counter, the horizon and the changes up to that counter (change-log.ts).
          const { upTo, entries } = await readChangeLog(s.db, s.clusterId, { after: last, where, limit: BATCH });
          for (const e of entries) {
            if (!matchesLabels(labels, e.labels ?? undefined)) continue;
            if (fields.length || o.table) {
              const object = JSON.parse(e.text) as K8sObject;
              if (!matchesFields(fields, object)) continue;
              send({ type: e.type, object });
            } else {
              // The stored object goes out as PostgreSQL printed it, as lists do: no parse and re-serialize.
              controller.enqueue(enc.encode(`{"type":${JSON.stringify(e.type)},"object":${e.text}}\n`));
            }
            lastSent = Date.now();
          }
          last = entries.length === BATCH ? entries[entries.length - 1].resourceVersion : Math.max(last, upTo);
          if (entries.length === BATCH) continue;
          if (o.allowWatchBookmarks && Date.now() - lastSent >= BOOKMARK_MS) {
            send(bookmark(last));
            lastSent = Date.now();
          }
          const bookmarkIn = o.allowWatchBookmarks ? BOOKMARK_MS - (Date.now() - lastSent) : Infinity;
          await sub.next(Math.max(0, Math.min(interval, bookmarkIn, deadline - Date.now())));
        }
        if (!stopped && o.allowWatchBookmarks) send(bookmark(last));
      } catch (err) {
        // The store was closed under an open watch (server stopping, a test disposing its store): end quietly.
        const storeClosed = err instanceof Error && err.message === 'Cannot use a pool after calling end';
        if (!stopped && !storeClosed) {
          const status = err instanceof K8sError ? err.k8s : failureStatus(500, 'an error on the server has prevented the request from succeeding');
          if (!(err instanceof K8sError)) console.error('pier: simulated cluster watch failed:', err);
          send({ type: 'ERROR', object: status });
        }
      }
      sub.close();
      if (!stopped) controller.close();
    },
    cancel() {
      stopped = true;
      // Wakes the loop at once, so a closed watch reads nothing more from the store.
      sub?.close();
    },
  });
}

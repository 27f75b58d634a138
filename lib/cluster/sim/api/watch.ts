import { apiVersionOf, type KindInfo } from '../kinds';
import { metaOf, type K8sObject } from '../objects';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../selectors';
import { badRequest, failureStatus, K8sError, type K8sStatus } from '../status';
import { toTable, type TableOptions } from './table';
import { changesSince, currentVersion, listObjects, type Sim } from '../store';

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

/** How often a watch looks at the change log. */
const POLL_MS = Number(process.env.PIER_SIM_WATCH_POLL_MS || 100);
/** A quiet watch still sends a bookmark this often, so clients can resume from a recent version. */
const BOOKMARK_MS = 10_000;
const MAX_TIMEOUT_SECONDS = 3600;
const BATCH = 500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A watch as newline-delimited JSON WatchEvents, read by polling k8s_changes
 * (see docs/cluster-sim.md for why polling). Without a resourceVersion (or
 * with "0") it starts with ADDED events for what exists, as the apiserver does.
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
  const matches = (obj: K8sObject) => matchesLabels(labels, metaOf(obj).labels) && matchesFields(fields, obj);
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
      try {
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
        while (!stopped && Date.now() < deadline) {
          // Versions up to the committed counter are all committed (writers hold the counter row).
          const upTo = await currentVersion(s.db, s.clusterId);
          const changes = upTo > last ? await changesSince(s, k, { after: last, upTo, namespace: o.namespace, limit: BATCH }) : [];
          for (const c of changes) if (matches(c.object)) {
            send({ type: c.type, object: c.object });
            lastSent = Date.now();
          }
          last = changes.length === BATCH ? changes[changes.length - 1].resourceVersion : Math.max(last, upTo);
          if (changes.length === BATCH) continue;
          if (o.allowWatchBookmarks && Date.now() - lastSent >= BOOKMARK_MS) {
            send(bookmark(last));
            lastSent = Date.now();
          }
          await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
        }
        if (!stopped && o.allowWatchBookmarks) send(bookmark(last));
      } catch (err) {
        if (!stopped) {
          const status = err instanceof K8sError ? err.k8s : failureStatus(500, 'an error on the server has prevented the request from succeeding');
          if (!(err instanceof K8sError)) console.error('pier: simulated cluster watch failed:', err);
          send({ type: 'ERROR', object: status });
        }
      }
      if (!stopped) controller.close();
    },
    cancel() {
      stopped = true;
    },
  });
}

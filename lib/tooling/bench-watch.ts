import { percentiles, sleep } from './bench-stats';

export interface WatchDelayOptions {
  /** The cluster's API root, e.g. http://127.0.0.1:3000/k8s/local. */
  k8s: string;
  headers: Record<string, string>;
  namespace: string;
  /** How many pods of the namespace to patch, one at a time. */
  patches: number;
  /** Pause after the i-th patch, in ms. */
  gap: (i: number) => number;
}

/**
 * The delay from sending a merge PATCH of a pod's label to that change's
 * event arriving on a watch of the namespace opened beforehand, per patch.
 */
export async function watchDelay(o: WatchDelayOptions): Promise<Record<string, number>> {
  return (await watchDelaySplit(o))['PATCH sent → watch event (ms)'];
}

/**
 * The same, split: PATCH sent → event (what the target is about),
 * the PATCH's own round trip (token, write transaction, answer), and PATCH
 * answered → event (the watch's own delay: wake-up, log read, send; the
 * event may also arrive before the answer).
 */
export async function watchDelaySplit(o: WatchDelayOptions): Promise<Record<string, Record<string, number>>> {
  const get = async (p: string) => {
    const r = await fetch(`${o.k8s}${p}`, { headers: o.headers });
    if (!r.ok) throw new Error(`GET ${p}: ${r.status} ${await r.text()}`);
    return (await r.json()) as { items: { metadata: { name: string } }[]; metadata: { resourceVersion: string } };
  };
  const base = `/api/v1/namespaces/${o.namespace}/pods`;
  const pods = (await get(`${base}?limit=${o.patches}`)).items;
  const rv = (await get(`${base}?limit=1`)).metadata.resourceVersion;
  const aborter = new AbortController();
  const res = await fetch(`${o.k8s}${base}?watch=1&resourceVersion=${rv}&labelSelector=tier%3Dweb&allowWatchBookmarks=true`, {
    headers: o.headers,
    signal: aborter.signal,
  });
  const waiting = new Map<string, (t: number) => void>();
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.trim()) continue;
        const ev = JSON.parse(line) as { object?: { metadata?: { labels?: Record<string, string> } } };
        const mark = ev.object?.metadata?.labels?.['bench-mark'];
        if (mark && waiting.has(mark)) waiting.get(mark)!(performance.now());
      }
    }
  })();
  const samples: number[] = [];
  const roundTrips: number[] = [];
  const afterAnswer: number[] = [];
  for (let i = 0; i < pods.length; i++) {
    const mark = `m${i}-${Date.now()}`;
    const seen = new Promise<number>((resolve) => waiting.set(mark, resolve));
    const t = performance.now();
    const p = await fetch(`${o.k8s}${base}/${pods[i].metadata.name}`, {
      method: 'PATCH',
      headers: { ...o.headers, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { labels: { 'bench-mark': mark } } }),
    });
    if (!p.ok) throw new Error(`patch: ${p.status} ${await p.text()}`);
    await p.arrayBuffer();
    const answered = performance.now();
    const at = await seen;
    samples.push(at - t);
    roundTrips.push(answered - t);
    afterAnswer.push(at - answered);
    waiting.delete(mark);
    await sleep(o.gap(i));
  }
  aborter.abort();
  await pump;
  return {
    'PATCH sent → watch event (ms)': percentiles(samples),
    'PATCH round trip (ms)': percentiles(roundTrips),
    'PATCH answered → watch event (ms, < 0: event first)': percentiles(afterAnswer),
  };
}

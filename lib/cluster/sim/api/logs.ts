import { PODS } from '../kinds';
import type { K8sObject } from '../objects';
import { getObject, type Sim } from '../store';
import { badRequest, invalid, K8sError, type FieldProblem } from '../status';
import { containerOf, runFor, sameRunLater } from '../logs/instance';
import { ContainerLog, logTimestamp, type ContainerRun } from '../logs/synth';

/** PodLogOptions, from the query as the apiserver reads it. */
export interface LogOptions {
  container: string | null;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  sinceTime?: number;
}

/** Go's strconv.ParseBool, which the query decoder uses. */
function boolParam(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null || v === '') return false;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^[-+]?[0-9]+$/.test(v)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

/** Reads and validates the query (ValidatePodLogOptions: 422 naming the field, for the pod's name). */
export function logOptions(q: URLSearchParams, podName: string): LogOptions {
  const o: LogOptions = {
    container: q.get('container') || null,
    follow: boolParam(q, 'follow'),
    previous: boolParam(q, 'previous'),
    timestamps: boolParam(q, 'timestamps'),
    tailLines: intParam(q, 'tailLines'),
    limitBytes: intParam(q, 'limitBytes'),
    sinceSeconds: intParam(q, 'sinceSeconds'),
  };
  boolParam(q, 'insecureSkipTLSVerifyBackend');
  const since = q.get('sinceTime');
  if (since) {
    const t = Date.parse(since);
    if (Number.isNaN(t) || !/^\d{4}-\d\d-\d\dT/.test(since)) throw badRequest(`parsing time ${JSON.stringify(since)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
    o.sinceTime = t;
  }
  const problems: FieldProblem[] = [];
  if (o.tailLines !== undefined && o.tailLines < 0) problems.push({ field: 'tailLines', message: `Invalid value: ${o.tailLines}: must be greater than or equal to 0` });
  if (o.limitBytes !== undefined && o.limitBytes < 1) problems.push({ field: 'limitBytes', message: `Invalid value: ${o.limitBytes}: must be greater than 0` });
  if (o.sinceSeconds !== undefined && o.sinceTime !== undefined) {
    problems.push({ field: '', reason: 'FieldValueForbidden', message: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified' });
  } else if (o.sinceSeconds !== undefined && o.sinceSeconds < 1) {
    problems.push({ field: 'sinceSeconds', message: `Invalid value: ${o.sinceSeconds}: must be greater than 0` });
  }
  if (problems.length) throw invalid({ group: '', kind: 'PodLogOptions' }, podName, problems);
  return o;
}

const POLL_MS = () => Number(process.env.PIER_SIM_LOG_POLL_MS) || 500;

/**
 * GET .../pods/<name>/log: the container's synthesized log as text/plain,
 * like the apiserver (which proxies the kubelet). With `follow`, the stream
 * stays open while that run of the container lasts, adding the lines the
 * cluster clock reaches, and ends when the container stops or the pod goes.
 */
export async function podLog(s: Sim, namespace: string, name: string, q: URLSearchParams, signal?: AbortSignal): Promise<Response> {
  const o = logOptions(q, name);
  const pod = await getObject(s, PODS, namespace, name);
  const container = containerOf(pod, o.container);
  const run = runFor(pod, container, o.previous);
  const headers = { 'content-type': 'text/plain', 'cache-control': 'no-cache, private' };
  if (!run) return new Response('', { status: 200, headers });
  const now = s.clock.now().getTime();
  let log = new ContainerLog(run);
  const total = log.count(now);
  let from = 0;
  const since = o.sinceSeconds !== undefined ? now - o.sinceSeconds * 1000 : o.sinceTime;
  if (since !== undefined) from = log.indexAt(since, now);
  if (o.tailLines !== undefined) from = Math.max(from, total - o.tailLines);
  const encoder = new TextEncoder();
  let budget = o.limitBytes ?? Infinity;
  /** The lines [a, b) as bytes, cut at limitBytes; null once the limit is reached. */
  const chunk = (a: number, b: number): Uint8Array | null => {
    let text = '';
    for (let i = a; i < b; i++) {
      const l = log.line(i);
      text += `${o.timestamps ? `${logTimestamp(l.at)} ` : ''}${l.text}\n`;
    }
    let bytes = encoder.encode(text);
    if (bytes.length > budget) bytes = bytes.slice(0, budget);
    budget -= bytes.length;
    return bytes;
  };
  const first = chunk(from, total);
  const following = o.follow && run.finishedAt === undefined && budget > 0;
  if (!following) return new Response(first as BodyInit | null, { status: 200, headers });

  let sent = total;
  let stopped = false;
  const stop = () => { stopped = true; };
  signal?.addEventListener('abort', stop);
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        if (first && first.length) controller.enqueue(first);
        while (!stopped && budget > 0) {
          await new Promise((r) => setTimeout(r, POLL_MS()));
          if (stopped) break;
          const later = await currentRun(s, namespace, name, container, run);
          if (!later) break;
          const upTo = s.clock.now().getTime();
          log = new ContainerLog(later);
          const count = log.count(later.finishedAt ?? upTo);
          if (count > sent) {
            const bytes = chunk(sent, count);
            if (bytes && bytes.length) controller.enqueue(bytes);
            sent = count;
          }
          if (later.finishedAt !== undefined) break;
        }
        controller.close();
      } catch (err) {
        // The body has started: an error can only end it.
        controller.error(err);
      } finally {
        signal?.removeEventListener('abort', stop);
      }
    },
    cancel: stop,
  });
  return new Response(stream, { status: 200, headers });
}

/** The followed run as it is now; undefined when the pod or that run is gone. */
async function currentRun(s: Sim, namespace: string, name: string, container: Record<string, unknown>, run: ContainerRun): Promise<ContainerRun | undefined> {
  let pod: K8sObject;
  try {
    pod = await getObject(s, PODS, namespace, name);
  } catch (err) {
    if (err instanceof K8sError && err.status === 404) return undefined;
    throw err;
  }
  if (pod.metadata?.uid !== run.uid) return undefined;
  return sameRunLater(pod, container, run);
}

import type { Clock } from '@/lib/context';
import { findKind, apiVersionOf, kindOf } from '../kinds';
import { k8sTime, metaOf, type K8sObject } from '../objects';
import { K8sError } from '../status';
import { createObject, patchObject, type Sim } from '../store';

export const EVENTS = findKind('', 'v1', 'events')!;

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  host?: string;
}

/** How many (object, reason, message) series the recorder remembers for counting repeats. */
const REMEMBERED = 10_000;

/**
 * client-go's EventAggregator: once an object has had this many distinct
 * messages of one (source, type, reason) within AGGREGATE_WINDOW_MS, further
 * ones go into one Event "(combined from similar events): <latest message>"
 * whose count grows, instead of one Event each.
 */
const AGGREGATE_AFTER = 10;
const AGGREGATE_WINDOW_MS = 600_000;
export const COMBINED_PREFIX = '(combined from similar events): ';

/**
 * core/v1 Events, as client-go's recorder writes them: one Event per
 * (object, type, reason, message, source); a repeat increments `count` and
 * moves `lastTimestamp` instead of adding another Event; many different
 * messages of one reason about one object are combined (a ReplicaSet
 * creating 100 pods records 9 "Created pod" Events and one combined Event
 * with count 91, as a real cluster shows).
 */
export class EventRecorder {
  private readonly series = new Map<string, { name: string; namespace: string; count: number; stored?: K8sObject }>();
  private readonly similar = new Map<string, { messages: Set<string>; last: number }>();

  constructor(private readonly clock: Clock) {}

  async record(sim: Sim, involved: K8sObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): Promise<void> {
    const m = metaOf(involved);
    const namespace = m.namespace || 'default';
    const group = [m.uid, type, reason, source.component, source.host ?? '', fieldPath ?? ''].join('\u0000');
    const combined = this.aggregate(group, message);
    if (combined) message = COMBINED_PREFIX + message;
    // A combined series is one Event whatever its latest message says.
    const key = combined ? `${group}\u0000combined` : `${group}\u0000${message}`;
    const now = k8sTime(this.clock.now());
    const seen = this.series.get(key);
    if (seen) {
      seen.count += 1;
      this.touch(key, seen);
      try {
        seen.stored = await patchObject(
          sim, EVENTS, seen.namespace, seen.name, 'merge', { count: seen.count, lastTimestamp: now, ...(combined ? { message } : {}) }, undefined,
          { known: seen.stored },
        );
        return;
      } catch (err) {
        if (!(err instanceof K8sError && err.reason === 'NotFound')) throw err;
        this.series.delete(key);
      }
    }
    const name = `${m.name}.${eventSuffix(this.clock.now())}`;
    const kind = typeof involved.kind === 'string' ? involved.kind : '';
    const apiVersion = typeof involved.apiVersion === 'string' ? involved.apiVersion : apiVersionFor(kind);
    const stored = await createObject(sim, EVENTS, namespace, {
      metadata: { name, namespace },
      involvedObject: {
        kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion, resourceVersion: m.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    }, { deferInsert: true });
    this.touch(key, { name, namespace, count: 1, stored });
  }

  /** Notes a message in its group; true once the group has AGGREGATE_AFTER distinct messages within the window. */
  private aggregate(group: string, message: string): boolean {
    const now = this.clock.now().getTime();
    let g = this.similar.get(group);
    if (!g || now - g.last > AGGREGATE_WINDOW_MS) g = { messages: new Set(), last: now };
    g.messages.add(message);
    g.last = now;
    this.similar.delete(group);
    this.similar.set(group, g);
    if (this.similar.size > REMEMBERED) this.similar.delete(this.similar.keys().next().value!);
    if (g.messages.size < AGGREGATE_AFTER) return false;
    // client-go keeps the set at the threshold: it only needs to know the group is past it.
    g.messages.delete(g.messages.values().next().value!);
    return true;
  }

  private touch(key: string, v: { name: string; namespace: string; count: number; stored?: K8sObject }): void {
    this.series.delete(key);
    this.series.set(key, v);
    if (this.series.size > REMEMBERED) this.series.delete(this.series.keys().next().value!);
  }
}

let lastSuffix = BigInt(0);

/** The recorder names events "<object>.<hex nanoseconds>"; unique within this process. */
function eventSuffix(now: Date): string {
  let ns = BigInt(now.getTime()) * BigInt(1_000_000);
  if (ns <= lastSuffix) ns = lastSuffix + BigInt(1);
  lastSuffix = ns;
  return ns.toString(16);
}

function apiVersionFor(kind: string): string {
  for (const g of ['', 'apps', 'batch', 'autoscaling', 'storage.k8s.io', 'networking.k8s.io']) {
    const k = kindOf(g, kind);
    if (k) return apiVersionOf(k);
  }
  return 'v1';
}

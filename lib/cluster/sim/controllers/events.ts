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
 * core/v1 Events, as client-go's recorder writes them: one Event per
 * (object, type, reason, message, source); a repeat increments `count` and
 * moves `lastTimestamp` instead of adding another Event.
 */
export class EventRecorder {
  private readonly series = new Map<string, { name: string; namespace: string; count: number }>();

  constructor(private readonly clock: Clock) {}

  async record(sim: Sim, involved: K8sObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): Promise<void> {
    const m = metaOf(involved);
    const namespace = m.namespace || 'default';
    const key = [m.uid, type, reason, message, source.component, source.host ?? '', fieldPath ?? ''].join('\u0000');
    const now = k8sTime(this.clock.now());
    const seen = this.series.get(key);
    if (seen) {
      seen.count += 1;
      this.touch(key, seen);
      try {
        await patchObject(sim, EVENTS, seen.namespace, seen.name, 'merge', { count: seen.count, lastTimestamp: now });
        return;
      } catch (err) {
        if (!(err instanceof K8sError && err.reason === 'NotFound')) throw err;
        this.series.delete(key);
      }
    }
    const name = `${m.name}.${eventSuffix(this.clock.now())}`;
    const kind = typeof involved.kind === 'string' ? involved.kind : '';
    const apiVersion = typeof involved.apiVersion === 'string' ? involved.apiVersion : apiVersionFor(kind);
    await createObject(sim, EVENTS, namespace, {
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
    });
    this.touch(key, { name, namespace, count: 1 });
  }

  private touch(key: string, v: { name: string; namespace: string; count: number }): void {
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

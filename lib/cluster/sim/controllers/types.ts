import type { Clock } from '@/lib/context';
import type { K8sObject } from '../objects';
import type { Sim } from '../store';
import type { ObjectCache, ObservedChange } from './cache';
import type { EventSource, EventType } from './events';
import type { Writer } from './writer';

/** What a reconcile may ask for: run again at a time on the cluster's clock. */
export type Requeue = { at: Date } | { afterMs: number };

/** Everything a controller's reconcile works with. */
export interface ControllerContext {
  sim: Sim;
  clock: Clock;
  /** The manager's copy of the cluster (read this, not the store: it is fed by the change log). */
  cache: ObjectCache;
  /** Writes (and Events: `write.event`) through the store functions, so watches see every step, and into the cache at once. */
  write: Writer;
  /** Events outside a batch; the same as `write.event`. */
  events: { record(involved: K8sObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): Promise<void> };
  /** Ask another controller (by name) to reconcile a key, e.g. the kubelet a pod. */
  enqueue(controller: string, key: string, at?: Date): void;
}

/**
 * A control loop. The manager calls `keysFor` for every change it reads (and
 * for the controllers' own writes), queues the keys, and calls `reconcile`
 * once per queued key that is due. Reconciles must be idempotent and must not
 * write when nothing needs to change, or the manager never settles.
 */
export interface Controller {
  /** Unique, also the events' source.component where it fits: "replicaset-controller". */
  name: string;
  /** The keys (usually "ns/name" of the object it reconciles) a change concerns. */
  keysFor(change: ObservedChange, cache: ObjectCache): string[];
  /** Every key it reconciles, for the periodic resync. */
  resyncKeys(cache: ObjectCache): string[];
  reconcile(key: string, c: ControllerContext): Promise<Requeue | void>;
}

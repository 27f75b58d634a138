import type { Db } from '@/db/client';
import { PODS, type KindInfo } from '../kinds';
import type { K8sObject } from '../objects';
import { K8sError } from '../status';
import { bindPod, createObject, deleteObject, patchObject, writeBatch, type DeleteOptions, type Sim, type Subresource } from '../store';
import { keyOf, type ObjectCache, type ObservedChange } from './cache';
import type { EventRecorder, EventSource, EventType } from './events';

/**
 * Controllers' writes: the store functions (so every step is a resourceVersion,
 * a change-log row and a watch event), then the result into the cache at
 * once, so the next reconcile sees it before the log brings it back. `batch`
 * puts many writes in one transaction (one counter lock, one commit); if the
 * transaction rolls back, the cache is put back as it was.
 */
export class Writer {
  /** Inside a batch: the cache entries to put back, newest last, if the transaction rolls back. */
  private undo: Array<() => void> | null = null;
  /** Writes (events included) made through this writer: the manager closes a batch after enough. */
  writes = 0;

  constructor(
    private sim: Sim,
    private readonly cache: ObjectCache,
    private readonly observed: (c: ObservedChange) => void,
    private readonly recorder: EventRecorder,
  ) {}

  private note(kind: KindInfo, type: ObservedChange['type'], obj: K8sObject): void {
    this.writes += 1;
    if (this.undo) {
      const key = keyOf(obj);
      const before = this.cache.snapshot(kind, key);
      this.undo.push(() => this.cache.restore(kind, key, before));
    }
    const { applied, old } = this.cache.apply(kind, type, obj);
    if (applied) this.observed({ kind, type, object: obj, old });
  }

  /** The store this writer writes to: inside `batch`, its transaction. */
  get db(): Db {
    return this.sim.db;
  }

  /** The Sim whose store calls join this writer's transaction (for store calls a controller makes itself). */
  get store(): Sim {
    return this.sim;
  }

  get inBatch(): boolean {
    return this.undo !== null;
  }

  /**
   * Runs `fn`'s writes in one transaction; if it throws, none of them
   * happened. Inside a batch, joins it (a write refused inside checks before
   * writing, so the batch's other writes stand).
   */
  async batch<T>(fn: (w: Writer) => Promise<T>): Promise<T> {
    if (this.undo) return fn(this);
    const inner = new Writer(this.sim, this.cache, this.observed, this.recorder);
    const undo: Array<() => void> = [];
    inner.undo = undo;
    try {
      return await writeBatch(this.sim, (inBatch) => {
        inner.sim = inBatch;
        return fn(inner);
      });
    } catch (err) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]();
      throw err;
    } finally {
      inner.undo = null;
      this.writes += inner.writes;
    }
  }

  async create(kind: KindInfo, namespace: string | undefined, body: K8sObject): Promise<K8sObject> {
    const stored = await createObject(this.sim, kind, namespace, body);
    this.note(kind, 'ADDED', stored);
    return stored;
  }

  /** JSON merge patch; undefined when the object is gone. */
  async patch(kind: KindInfo, namespace: string | undefined, name: string, patch: unknown, sub?: Subresource): Promise<K8sObject | undefined> {
    try {
      // The cached copy saves reading the object back; the store checks its version and reads it if the cache is behind.
      const stored = await patchObject(this.sim, kind, namespace, name, 'merge', patch, sub, { known: this.cache.get(kind, namespace, name) });
      this.note(kind, 'MODIFIED', stored);
      return stored;
    } catch (err) {
      // NotFound is decided before anything is written, so a batch carries on.
      if (err instanceof K8sError && err.reason === 'NotFound') return undefined;
      throw err;
    }
  }

  /** The pods/binding subresource: spec.nodeName and the PodScheduled condition in one write; undefined when the pod is gone. */
  async bind(namespace: string, name: string, node: string, scheduled: Record<string, unknown>): Promise<K8sObject | undefined> {
    try {
      const stored = await bindPod(this.sim, namespace, name, node, scheduled, { known: this.cache.get(PODS, namespace, name) });
      this.note(PODS, 'MODIFIED', stored);
      return stored;
    } catch (err) {
      if (err instanceof K8sError && err.reason === 'NotFound') return undefined;
      throw err;
    }
  }

  /** The status subresource, merge-patched (null removes a field). */
  status(kind: KindInfo, namespace: string | undefined, name: string, status: unknown): Promise<K8sObject | undefined> {
    return this.patch(kind, namespace, name, { status }, 'status');
  }

  /** Deletes (dependents by policy, as the store does); false when it was already gone. */
  async delete(kind: KindInfo, namespace: string | undefined, name: string, o?: DeleteOptions): Promise<boolean> {
    try {
      const gone = await deleteObject(this.sim, kind, namespace, name, o);
      this.note(kind, 'DELETED', gone);
      return true;
    } catch (err) {
      if (err instanceof K8sError && err.reason === 'NotFound') return false;
      throw err;
    }
  }

  /** Records a core/v1 Event about `involved` (similar ones are counted or combined, as client-go's recorder does). */
  async event(involved: K8sObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): Promise<void> {
    this.writes += 1;
    await this.recorder.record(this.sim, involved, type, reason, message, source, fieldPath);
  }
}

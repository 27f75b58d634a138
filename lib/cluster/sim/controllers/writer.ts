import type { Db } from '@/db/client';
import type { KindInfo } from '../kinds';
import type { K8sObject } from '../objects';
import { K8sError } from '../status';
import { createObject, deleteObject, patchObject, type DeleteOptions, type Sim, type Subresource } from '../store';
import type { ObjectCache, ObservedChange } from './cache';
import type { EventRecorder, EventSource, EventType } from './events';

/**
 * Controllers' writes: the store functions (so every step is a resourceVersion,
 * a change-log row and a watch event), then the result into the cache, so the
 * next reconcile sees it before the log brings it back. `batch` puts several
 * writes in one transaction (fewer commits; the cache sees them after commit).
 */
export class Writer {
  private pending: Array<{ kind: KindInfo; type: ObservedChange['type']; obj: K8sObject }> | null = null;

  constructor(
    private readonly sim: Sim,
    private readonly cache: ObjectCache,
    private readonly observed: (c: ObservedChange) => void,
    private readonly recorder: EventRecorder,
  ) {}

  private note(kind: KindInfo, type: ObservedChange['type'], obj: K8sObject): void {
    if (this.pending) {
      this.pending.push({ kind, type, obj });
      return;
    }
    const { applied, old } = this.cache.apply(kind, type, obj);
    if (applied) this.observed({ kind, type, object: obj, old });
  }

  /** The store this writer writes to: inside `batch`, its transaction. */
  get db(): Db {
    return this.sim.db;
  }

  /** Runs `fn`'s writes in one transaction; if it throws, none of them happened. */
  async batch<T>(fn: (w: Writer) => Promise<T>): Promise<T> {
    if (this.pending) return fn(this);
    const inner = new Writer(this.sim, this.cache, this.observed, this.recorder);
    inner.pending = [];
    const out = await this.sim.db.transaction(async (tx) => {
      (inner as unknown as { sim: Sim }).sim = { ...this.sim, db: tx as unknown as Db };
      return fn(inner);
    });
    const done = inner.pending;
    inner.pending = null;
    for (const p of done) this.note(p.kind, p.type, p.obj);
    return out;
  }

  async create(kind: KindInfo, namespace: string | undefined, body: K8sObject): Promise<K8sObject> {
    const stored = await createObject(this.sim, kind, namespace, body);
    this.note(kind, 'ADDED', stored);
    return stored;
  }

  /** JSON merge patch; undefined when the object is gone. */
  async patch(kind: KindInfo, namespace: string | undefined, name: string, patch: unknown, sub?: Subresource): Promise<K8sObject | undefined> {
    try {
      const stored = await patchObject(this.sim, kind, namespace, name, 'merge', patch, sub);
      this.note(kind, 'MODIFIED', stored);
      return stored;
    } catch (err) {
      if (err instanceof K8sError && err.reason === 'NotFound' && !this.pending) return undefined;
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
      if (err instanceof K8sError && err.reason === 'NotFound' && !this.pending) return false;
      throw err;
    }
  }

  /** Records a core/v1 Event about `involved` (repeats increment its count). */
  event(involved: K8sObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): Promise<void> {
    return this.recorder.record(this.sim, involved, type, reason, message, source, fieldPath);
  }
}

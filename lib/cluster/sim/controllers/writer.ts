import type { KindInfo } from '../kinds';
import type { K8sObject } from '../objects';
import { K8sError } from '../status';
import { createObject, deleteObject, patchObject, type DeleteOptions, type Sim, type Subresource } from '../store';
import type { ObjectCache, ObservedChange } from './cache';

/**
 * Controllers' writes: the store functions (so every step is a resourceVersion,
 * a change-log row and a watch event), then the result into the cache, so the
 * next reconcile sees it before the log brings it back.
 */
export class Writer {
  constructor(
    private readonly sim: Sim,
    private readonly cache: ObjectCache,
    private readonly observed: (c: ObservedChange) => void,
  ) {}

  private note(kind: KindInfo, type: ObservedChange['type'], obj: K8sObject): void {
    const { applied, old } = this.cache.apply(kind, type, obj);
    if (applied) this.observed({ kind, type, object: obj, old });
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
      if (err instanceof K8sError && err.reason === 'NotFound') return undefined;
      throw err;
    }
  }

  /** The status subresource, merge-patched. */
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
}

import type { K8sChangeType } from '@/db/schema';
import type { KindInfo } from '../kinds';
import { metaOf, type K8sObject } from '../objects';

/** "apps/deployments", or "/pods" for the core group: how the cache names a kind. */
export function kindKey(k: Pick<KindInfo, 'group' | 'plural'>): string {
  return `${k.group}/${k.plural}`;
}

/** "ns/name" for namespaced objects, "name" for cluster-scoped ones. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export function keyOf(o: K8sObject): string {
  const m = metaOf(o);
  return objectKey(m.namespace, m.name ?? '');
}

const rvOf = (o: K8sObject) => Number(metaOf(o).resourceVersion ?? 0);

/** A change the manager read (or a controller wrote), with the object as it was before. */
export interface ObservedChange {
  kind: KindInfo;
  type: K8sChangeType;
  object: K8sObject;
  old: K8sObject | undefined;
}

export interface CacheEntry {
  object: K8sObject | undefined;
  tombstone: number | undefined;
}

/**
 * The manager's in-memory copy of one cluster's objects, fed by the change
 * log and by the controllers' own writes (so a controller reads what it just
 * wrote before the log brings it back). Indexes: objects by owner uid, pods
 * by node. Changes older than what the cache holds are ignored; deletions
 * leave a tombstone so a replayed older change cannot bring an object back.
 */
export class ObjectCache {
  private readonly byKind = new Map<string, Map<string, K8sObject>>();
  private readonly tombstones = new Map<string, number>();
  private readonly byOwner = new Map<string, Map<string, K8sObject>>();
  private readonly podsByNode = new Map<string, Map<string, K8sObject>>();
  /** How many entries `restore` has put back: what controllers that keep their own tallies from changes watch for. */
  restores = 0;

  private bucket(k: Pick<KindInfo, 'group' | 'plural'>): Map<string, K8sObject> {
    const kk = kindKey(k);
    let b = this.byKind.get(kk);
    if (!b) this.byKind.set(kk, (b = new Map()));
    return b;
  }

  get(k: Pick<KindInfo, 'group' | 'plural'>, namespace: string | undefined, name: string): K8sObject | undefined {
    return this.byKind.get(kindKey(k))?.get(objectKey(namespace, name));
  }

  /** Every object of a kind, optionally in one namespace. */
  list(k: Pick<KindInfo, 'group' | 'plural'>, namespace?: string): K8sObject[] {
    const all = [...(this.byKind.get(kindKey(k))?.values() ?? [])];
    return namespace === undefined ? all : all.filter((o) => metaOf(o).namespace === namespace);
  }

  /** Objects of a kind whose ownerReferences name `ownerUid`. */
  ownedBy(k: Pick<KindInfo, 'group' | 'plural'>, ownerUid: string): K8sObject[] {
    const kk = kindKey(k);
    const out: K8sObject[] = [];
    for (const [key, o] of this.byOwner.get(ownerUid) ?? []) if (key.startsWith(`${kk}|`)) out.push(o);
    return out;
  }

  /** Pods bound to a node; "" for pods bound to none yet. */
  podsOn(node: string): K8sObject[] {
    return [...(this.podsByNode.get(node)?.values() ?? [])];
  }

  size(): number {
    let n = 0;
    for (const b of this.byKind.values()) n += b.size;
    return n;
  }

  /**
   * Applies a change; returns the previous object and whether it was applied
   * (false when the cache already holds that version or a newer one).
   */
  apply(k: KindInfo, type: K8sChangeType, obj: K8sObject): { applied: boolean; old: K8sObject | undefined } {
    const b = this.bucket(k);
    const key = keyOf(obj);
    const tk = `${kindKey(k)}|${key}`;
    const rv = rvOf(obj);
    const old = b.get(key);
    if (old && rvOf(old) >= rv) return { applied: false, old };
    const dead = this.tombstones.get(tk);
    if (dead !== undefined && dead >= rv) return { applied: false, old };
    if (old) this.unindex(k, tk, old);
    if (type === 'DELETED') {
      b.delete(key);
      this.tombstones.set(tk, rv);
    } else {
      b.set(key, obj);
      this.tombstones.delete(tk);
      this.index(k, tk, obj);
    }
    return { applied: true, old };
  }

  /** What the cache holds for one object (and its tombstone): what `restore` puts back when a batch rolls back. */
  snapshot(k: KindInfo, key: string): CacheEntry {
    const tk = `${kindKey(k)}|${key}`;
    return { object: this.byKind.get(kindKey(k))?.get(key), tombstone: this.tombstones.get(tk) };
  }

  restore(k: KindInfo, key: string, e: CacheEntry): void {
    this.restores += 1;
    const b = this.bucket(k);
    const tk = `${kindKey(k)}|${key}`;
    const cur = b.get(key);
    if (cur) this.unindex(k, tk, cur);
    if (e.object) {
      b.set(key, e.object);
      this.index(k, tk, e.object);
    } else b.delete(key);
    if (e.tombstone === undefined) this.tombstones.delete(tk);
    else this.tombstones.set(tk, e.tombstone);
  }

  /** Tombstones only matter for changes the log has not replayed yet. */
  forgetTombstonesUpTo(rv: number): void {
    for (const [k, v] of this.tombstones) if (v <= rv) this.tombstones.delete(k);
  }

  private index(k: KindInfo, tk: string, o: K8sObject): void {
    for (const ref of metaOf(o).ownerReferences ?? []) {
      let m = this.byOwner.get(ref.uid);
      if (!m) this.byOwner.set(ref.uid, (m = new Map()));
      m.set(tk, o);
    }
    // Unbound pods are indexed under "": the scheduler's queue.
    if (k.plural === 'pods' && k.group === '') {
      const node = nodeNameOf(o);
      let m = this.podsByNode.get(node);
      if (!m) this.podsByNode.set(node, (m = new Map()));
      m.set(tk, o);
    }
  }

  private unindex(k: KindInfo, tk: string, o: K8sObject): void {
    for (const ref of metaOf(o).ownerReferences ?? []) {
      const m = this.byOwner.get(ref.uid);
      m?.delete(tk);
      if (m && !m.size) this.byOwner.delete(ref.uid);
    }
    if (k.plural === 'pods' && k.group === '') {
      const node = nodeNameOf(o);
      const m = this.podsByNode.get(node);
      m?.delete(tk);
      if (m && !m.size) this.podsByNode.delete(node);
    }
  }
}

export function nodeNameOf(pod: K8sObject): string {
  const spec = pod.spec as { nodeName?: unknown } | undefined;
  return typeof spec?.nodeName === 'string' ? spec.nodeName : '';
}

/** The owner reference marked controller: true, if any. */
export function controllerOf(o: K8sObject): { kind: string; name: string; uid: string; apiVersion: string } | undefined {
  return (metaOf(o).ownerReferences ?? []).find((r) => r.controller === true);
}

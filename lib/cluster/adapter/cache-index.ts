import type { KubeObject } from './objects';

/**
 * Indexes kept beside a watch-fed cache (cache.ts), updated on every add,
 * update and delete the watch delivers, so a list page is a lookup instead
 * of a copy and sort of the whole namespace per request.
 *
 * Objects are stored as given (the cache hands in its normalized copies,
 * one per version of an object): callers must treat them as read-only.
 */

const nameOf = (o: KubeObject) => o.metadata?.name ?? '';
const nsOf = (o: KubeObject) => o.metadata?.namespace ?? '';
const idOf = (o: KubeObject) => `${nsOf(o)}/${nameOf(o)}`;

/** Position of `name` in a name-sorted array: its index if present, else where it would go. */
export function searchByName<T extends KubeObject>(list: readonly T[], name: string): { at: number; found: boolean } {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // Names are DNS names: code-unit order is their order (and what the lists always sorted by).
    if (nameOf(list[mid]) < name) lo = mid + 1;
    else hi = mid;
  }
  return { at: lo, found: lo < list.length && nameOf(list[lo]) === name };
}

/** Each namespace's objects sorted by name, kept sorted by binary-search insert and remove. */
export class SortedByName<T extends KubeObject = KubeObject> {
  private readonly byNs = new Map<string, T[]>();

  /** Built from a whole list at once: one sort per namespace instead of an insert per object. */
  static of<T extends KubeObject>(objects: Iterable<T>): SortedByName<T> {
    const s = new SortedByName<T>();
    for (const o of objects) {
      const ns = nsOf(o);
      let list = s.byNs.get(ns);
      if (!list) s.byNs.set(ns, (list = []));
      list.push(o);
    }
    for (const list of s.byNs.values()) list.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
    return s;
  }

  upsert(o: T): void {
    const ns = nsOf(o);
    let list = this.byNs.get(ns);
    if (!list) this.byNs.set(ns, (list = []));
    const { at, found } = searchByName(list, nameOf(o));
    if (found) list[at] = o;
    else list.splice(at, 0, o);
  }

  remove(o: KubeObject): void {
    const ns = nsOf(o);
    const list = this.byNs.get(ns);
    if (!list) return;
    const { at, found } = searchByName(list, nameOf(o));
    if (!found) return;
    list.splice(at, 1);
    if (!list.length) this.byNs.delete(ns);
  }

  /** One namespace's objects by name. The index's own array: do not change it, and do not hold it across awaits. */
  namespace(ns: string): readonly T[] {
    return this.byNs.get(ns) ?? [];
  }

  /** The namespaces that have objects, in code-unit order. */
  namespaces(): string[] {
    return [...this.byNs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  size(ns?: string): number {
    if (ns !== undefined) return this.byNs.get(ns)?.length ?? 0;
    let n = 0;
    for (const l of this.byNs.values()) n += l.length;
    return n;
  }
}

/**
 * Objects by keys computed from them (a Service by the workload label and
 * one pair of its selector, an Ingress by its backends' Service names).
 * Lookups answer in the order the cache itself lists objects (the order
 * they were first added; an update keeps its place), so a view built from
 * a lookup equals one built by filtering the whole list.
 */
export class KeyedIndex<T extends KubeObject = KubeObject> {
  private readonly keyed = new Map<string, Map<string, T>>();
  private readonly keysOf = new Map<string, string[]>();
  private readonly order = new Map<string, number>();
  private next = 0;

  constructor(private readonly keys: (o: T) => string[]) {}

  upsert(o: T): void {
    const id = idOf(o);
    this.drop(id);
    if (!this.order.has(id)) this.order.set(id, this.next++);
    const keys = [...new Set(this.keys(o))].map((k) => `${nsOf(o)}\u0000${k}`);
    for (const k of keys) {
      let m = this.keyed.get(k);
      if (!m) this.keyed.set(k, (m = new Map()));
      m.set(id, o);
    }
    this.keysOf.set(id, keys);
  }

  remove(o: KubeObject): void {
    const id = idOf(o);
    this.drop(id);
    this.order.delete(id);
  }

  private drop(id: string): void {
    for (const k of this.keysOf.get(id) ?? []) {
      const m = this.keyed.get(k);
      m?.delete(id);
      if (m && !m.size) this.keyed.delete(k);
    }
    this.keysOf.delete(id);
  }

  /** The namespace's objects under any of `keys`, each once, in the cache's order. */
  lookup(ns: string, keys: Iterable<string>): T[] {
    const found = new Map<string, T>();
    for (const k of keys) for (const [id, o] of this.keyed.get(`${ns}\u0000${k}`) ?? []) found.set(id, o);
    return [...found].sort((a, b) => this.order.get(a[0])! - this.order.get(b[0])!).map(([, o]) => o);
  }
}

/**
 * Each namespace's objects split by keys computed from them (a pod by its
 * status words), each bucket sorted by name and kept sorted as watch events
 * arrive: a page of one key is a slice and its total the bucket's length,
 * not a walk of the namespace. An object is in every bucket of its keys
 * (each once); an update moves it when its keys change.
 */
export class SortedByKey<T extends KubeObject = KubeObject> {
  private readonly buckets = new Map<string, T[]>();
  private readonly keysOf = new Map<string, string[]>();

  constructor(private readonly keys: (o: T) => string[]) {}

  /** Built from a whole list at once: one sort per bucket instead of an insert per object. */
  static of<T extends KubeObject>(keys: (o: T) => string[], objects: Iterable<T>): SortedByKey<T> {
    const s = new SortedByKey<T>(keys);
    for (const o of objects) {
      const ks = s.bucketKeys(o);
      s.keysOf.set(idOf(o), ks);
      for (const k of ks) {
        let list = s.buckets.get(k);
        if (!list) s.buckets.set(k, (list = []));
        list.push(o);
      }
    }
    for (const list of s.buckets.values()) list.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
    return s;
  }

  private bucketKeys(o: T): string[] {
    return [...new Set(this.keys(o))].map((k) => `${nsOf(o)}\u0000${k}`);
  }

  upsert(o: T): void {
    const id = idOf(o);
    const before = this.keysOf.get(id) ?? [];
    const after = this.bucketKeys(o);
    for (const k of before) if (!after.includes(k)) this.take(k, nameOf(o));
    for (const k of after) {
      let list = this.buckets.get(k);
      if (!list) this.buckets.set(k, (list = []));
      const { at, found } = searchByName(list, nameOf(o));
      if (found) list[at] = o;
      else list.splice(at, 0, o);
    }
    this.keysOf.set(id, after);
  }

  remove(o: KubeObject): void {
    const id = idOf(o);
    for (const k of this.keysOf.get(id) ?? []) this.take(k, nameOf(o));
    this.keysOf.delete(id);
  }

  private take(k: string, name: string): void {
    const list = this.buckets.get(k);
    if (!list) return;
    const { at, found } = searchByName(list, name);
    if (found) list.splice(at, 1);
    if (!list.length) this.buckets.delete(k);
  }

  /** The namespace's objects under `key`, by name. The index's own array: do not change it, and do not hold it across awaits. */
  lookup(ns: string, key: string): readonly T[] {
    return this.buckets.get(`${ns}\u0000${key}`) ?? [];
  }
}

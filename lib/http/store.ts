import { openStore, type Store } from '@/db/client';

const KEY = Symbol.for('pier.store');
type Holder = { [KEY]?: Promise<Store> };

/**
 * The process's one store. Opened lazily, on the first request, so that
 * `next build` never touches the database. Tests install their own.
 */
export function getStore(): Promise<Store> {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    const opening = openStore();
    g[KEY] = opening;
    // A failed open (database down) is retried by the next request, not cached.
    opening.catch(() => {
      if (g[KEY] === opening) delete g[KEY];
    });
  }
  return g[KEY];
}

export function useStore(store: Store | null): void {
  const g = globalThis as Holder;
  if (store) g[KEY] = Promise.resolve(store);
  else delete g[KEY];
}

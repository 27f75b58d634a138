import type { Db } from '@/db/client';

/**
 * Wakes watches when a change to a simulated cluster commits.
 *
 * A trigger on k8s_changes (migration 0005_k8s_change_notify) calls
 * pg_notify('pier_k8s_changes', <cluster id>) for every change row; PostgreSQL
 * delivers it at commit, once per transaction and cluster (identical
 * payloads are folded), to every session that LISTENs: this process and any
 * other Pier process sharing the database. PGlite has the same LISTEN/NOTIFY
 * for its one process. The change log stays the source of truth: a wake-up
 * only says "read the log now", so a lost or late notification delays a
 * watch by at most its fallback poll, and never loses an event.
 */
export const CHANGE_CHANNEL = 'pier_k8s_changes';

export interface ChangeSubscription {
  /** Resolves once notifications flow (LISTEN is active), or false when they cannot: then poll. */
  ready: Promise<boolean>;
  /**
   * Waits until a change to the cluster committed since the last call (or
   * since `ready`), or `ms` passed. True when woken by a change.
   */
  next(ms: number): Promise<boolean>;
  close(): void;
}

interface Subscriber {
  clusterId: string;
  pending: boolean;
  wake: ((changed: boolean) => void) | null;
}

/** What a raw client must offer: pg's Pool (LISTEN on a client of its own) or PGlite. */
type RawClient =
  | { listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>> }
  | { options: Record<string, unknown>; connect: unknown; totalCount: number };

type Stop = () => Promise<void>;

class Hub {
  private readonly subs = new Set<Subscriber>();
  /** The listener being opened or open: its stop function, or null when it could not listen. */
  private opening: Promise<Stop | null> | null = null;

  constructor(private readonly raw: RawClient | undefined) {}

  subscribe(clusterId: string): ChangeSubscription {
    const sub: Subscriber = { clusterId, pending: false, wake: null };
    this.subs.add(sub);
    const ready = this.open().then((stop) => stop !== null);
    let closed = false;
    return {
      ready,
      next: (ms) => new Promise<boolean>((resolve) => {
        if (sub.pending || closed) {
          sub.pending = false;
          resolve(!closed);
          return;
        }
        const timer = setTimeout(() => {
          sub.wake = null;
          resolve(false);
        }, ms);
        sub.wake = (changed) => {
          clearTimeout(timer);
          sub.wake = null;
          sub.pending = false;
          resolve(changed);
        };
      }),
      close: () => {
        if (closed) return;
        closed = true;
        this.subs.delete(sub);
        sub.wake?.(false);
        // The last watch gone: give the connection back, so nothing holds the database open.
        if (!this.subs.size) this.shut();
      },
    };
  }

  private deliver(clusterId: string): void {
    for (const s of this.subs) {
      if (s.clusterId !== clusterId) continue;
      s.pending = true;
      s.wake?.(true);
    }
  }

  private open(): Promise<Stop | null> {
    if (!this.opening) {
      const opening: Promise<Stop | null> = this.listen(() => {
        // A lost listener: forget it, and wake everyone so they read the log (the next wait listens again).
        if (this.opening === opening) this.opening = null;
        for (const s of this.subs) {
          s.pending = true;
          s.wake?.(true);
        }
      }).catch(() => null);
      this.opening = opening;
      void opening.then((stop) => {
        if (!stop && this.opening === opening) this.opening = null;
      });
    }
    return this.opening;
  }

  private shut(): void {
    const opening = this.opening;
    this.opening = null;
    void opening?.then((stop) => stop?.()).catch(() => undefined);
  }

  private async listen(lost: () => void): Promise<Stop | null> {
    const raw = this.raw;
    if (!raw) return null;
    if ('listen' in raw) return raw.listen(CHANGE_CHANNEL, (payload) => this.deliver(payload));
    // pg: a connection of its own, outside the pool, so LISTEN never occupies a pooled client.
    const pg = (await import('pg')).default;
    const client = new pg.Client(raw.options as import('pg').ClientConfig);
    let alive = true;
    const gone = () => {
      if (!alive) return;
      alive = false;
      lost();
    };
    client.on('error', gone);
    client.on('end', gone);
    client.on('notification', (n) => {
      if (n.channel === CHANGE_CHANNEL && n.payload) this.deliver(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (err) {
      alive = false;
      await client.end().catch(() => undefined);
      throw err;
    }
    return async () => {
      alive = false;
      await client.end();
    };
  }
}

const hubs = new WeakMap<object, Hub>();

/**
 * One listener per store client and process, shared by every watch on it.
 * `db` must be a store's database (not a transaction): its driver client is
 * what listens.
 */
export function subscribeChanges(db: Db, clusterId: string): ChangeSubscription {
  const raw = (db as unknown as { $client?: RawClient }).$client;
  const key = (raw ?? db) as object;
  let hub = hubs.get(key);
  if (!hub) hubs.set(key, (hub = new Hub(raw && ('listen' in raw || 'options' in raw) ? raw : undefined)));
  return hub.subscribe(clusterId);
}

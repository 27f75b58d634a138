/**
 * Who runs a cluster's controllers. With PGlite one process owns the store,
 * so it always leads. With PostgreSQL several Pier processes may share it:
 * the leader holds a session advisory lock on a connection of its own, so the
 * lock goes when the process (or its connection) does.
 */
export interface LeaderLock {
  /** Takes the lock if free; true when this process holds it. */
  tryAcquire(): Promise<boolean>;
  /** Still held? (false once the connection broke). */
  holds(): Promise<boolean>;
  release(): Promise<void>;
}

export const soleLeader = (): LeaderLock => {
  let held = false;
  return {
    tryAcquire: async () => (held = true),
    holds: async () => held,
    release: async () => {
      held = false;
    },
  };
};

/** Advisory lock class for controller leadership; the object id is the cluster's hash. */
const LOCK_CLASS = 0x5049_4552 & 0x7fff_ffff; // "PIER"

function clusterLockId(clusterId: string): number {
  let h = 0;
  for (let i = 0; i < clusterId.length; i++) h = (Math.imul(h, 31) + clusterId.charCodeAt(i)) | 0;
  return h;
}

export function pgLeaderLock(url: string, clusterId: string): LeaderLock {
  type Client = import('pg').Client;
  let client: Client | null = null;
  let held = false;
  const drop = async () => {
    const c = client;
    client = null;
    held = false;
    await c?.end().catch(() => undefined);
  };
  return {
    async tryAcquire() {
      if (held) return true;
      try {
        if (!client) {
          const pg = (await import('pg')).default;
          const c = new pg.Client({ connectionString: url });
          // A broken connection loses the lock with it; forget it so the next try reconnects.
          c.on('error', () => void drop());
          await c.connect();
          client = c;
        }
        const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [LOCK_CLASS, clusterLockId(clusterId)]);
        held = r.rows[0]?.ok === true;
        return held;
      } catch {
        await drop();
        return false;
      }
    },
    async holds() {
      if (!held || !client) return false;
      try {
        await client.query('select 1');
        return true;
      } catch {
        await drop();
        return false;
      }
    },
    async release() {
      if (client && held) await client.query('select pg_advisory_unlock($1, $2)', [LOCK_CLASS, clusterLockId(clusterId)]).catch(() => undefined);
      await drop();
    },
  };
}

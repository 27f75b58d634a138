import { eq } from 'drizzle-orm';
import { k8sObjects } from '@/db/schema';
import type { Clock } from '@/lib/context';
import { KINDS, type KindInfo } from '../kinds';
import type { K8sObject } from '../objects';
import { K8sError } from '../status';
import { Compactor } from '../compaction';
import { clusterChangesSince, currentVersion, type Sim } from '../store';
import { ObjectCache, type ObservedChange } from './cache';
import { EventRecorder } from './events';
import { soleLeader, type LeaderLock } from './leader';
import type { Controller, ControllerContext, Requeue } from './types';
import { RoundWaker } from './wake';
import { Writer } from './writer';

/** Kinds the cache does not hold: nothing reconciles them and there are many. */
const UNCACHED = new Set(['/events']);

export interface ManagerOptions {
  sim: Sim;
  controllers: Controller[];
  leader?: LeaderLock;
  /**
   * The live loop's shortest gap between rounds (real time); without change
   * notifications, how often it reads the change log.
   */
  pollMs?: number;
  /** With change notifications, the longest an idle live loop waits between rounds (wake.ts). */
  idleRoundMs?: number;
  /** How often every key is queued again (cluster clock). */
  resyncMs?: number;
  log?: (msg: string) => void;
}

const kindByKey = new Map(KINDS.map((k) => [`${k.group}/${k.plural}`, k]));

/**
 * A controller's due keys run in one write transaction until it has made
 * this many writes or run this long: one commit for many pods, while API
 * writers (who wait for the cluster's counter lock, and on PGlite for the
 * one connection) wait at most about this long.
 */
const BATCH_WRITES = 400;
const BATCH_MS = 100;

/**
 * Runs a set of controllers for one simulated cluster: follows the change
 * log into an in-memory cache, maps changes to controller keys, and runs
 * each key once it is due on the cluster's clock. Only the leader runs.
 * Tests drive it with `settle()` and a movable clock instead of the timer loop.
 */
export class ClusterManager {
  readonly sim: Sim;
  readonly clock: Clock;
  cache = new ObjectCache();
  private readonly controllers = new Map<string, Controller>();
  private readonly queues = new Map<string, Map<string, number>>();
  private readonly failures = new Map<string, number>();
  private readonly leader: LeaderLock;
  private readonly pollMs: number;
  private readonly idleRoundMs: number | undefined;
  private readonly resyncMs: number;
  private readonly log: (msg: string) => void;
  private cursor = -1;
  private lastResync = 0;
  private leading = false;
  private running = false;
  private waker: RoundWaker | null = null;
  private loop: Promise<void> = Promise.resolve();
  private ctx!: ControllerContext;
  /** Rounds of the live loop that found nothing to read and nothing due (diagnostics: "has it caught up?"). */
  idleRounds = 0;
  /** The leader also keeps the change log to its retention (lib/cluster/sim/compaction.ts). */
  private readonly compactor: Compactor;

  constructor(o: ManagerOptions) {
    this.sim = o.sim;
    this.compactor = new Compactor(o.sim.db, o.sim.clusterId);
    this.clock = o.sim.clock;
    this.leader = o.leader ?? soleLeader();
    this.pollMs = o.pollMs ?? 50;
    this.idleRoundMs = o.idleRoundMs;
    this.resyncMs = o.resyncMs ?? 60_000;
    this.log = o.log ?? ((m) => console.error(`pier controllers: ${m}`));
    for (const c of o.controllers) {
      if (this.controllers.has(c.name)) throw new Error(`controller ${c.name} registered twice`);
      this.controllers.set(c.name, c);
      this.queues.set(c.name, new Map());
    }
    this.reset();
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Whether the live loop is woken by change notifications (false: it polls every pollMs). */
  get listening(): boolean {
    return this.waker?.listening ?? false;
  }

  private reset(): void {
    this.cache = new ObjectCache();
    this.cursor = -1;
    for (const q of this.queues.values()) q.clear();
    const write = new Writer(this.sim, this.cache, (c) => this.dispatch(c), new EventRecorder(this.clock));
    this.ctx = {
      sim: this.sim,
      clock: this.clock,
      cache: this.cache,
      write,
      events: { record: (...a) => write.event(...a) },
      enqueue: (controller, key, at) => this.enqueue(controller, key, at?.getTime() ?? this.clock.now().getTime()),
    };
  }

  enqueue(controller: string, key: string, dueMs = this.clock.now().getTime()): void {
    const q = this.queues.get(controller);
    if (!q) return;
    const cur = q.get(key);
    if (cur === undefined || dueMs < cur) q.set(key, dueMs);
  }

  private dispatch(change: ObservedChange): void {
    for (const c of this.controllers.values()) {
      for (const key of c.keysFor(change, this.cache)) this.enqueue(c.name, key);
    }
  }

  /** Loads the cluster into the cache (first run, or after regaining leadership). */
  private async sync(): Promise<void> {
    if (this.cursor >= 0) return;
    const from = await currentVersion(this.sim.db, this.sim.clusterId);
    const rows = await this.sim.db
      .select({ apiGroup: k8sObjects.apiGroup, resource: k8sObjects.resource, body: k8sObjects.body })
      .from(k8sObjects)
      .where(eq(k8sObjects.clusterId, this.sim.clusterId));
    for (const r of rows) {
      const kind = kindByKey.get(`${r.apiGroup}/${r.resource}`);
      if (kind && !UNCACHED.has(`${r.apiGroup}/${r.resource}`)) this.cache.apply(kind, 'ADDED', r.body as K8sObject);
    }
    this.cursor = from;
    this.resync();
    // Objects written after `from` but already listed are skipped by version when the log replays them.
    await this.poll();
  }

  /** Queues every key of every controller now, as the periodic resync does (diagnostics and benchmarks). */
  resyncNow(): void {
    this.resync();
  }

  private resync(): void {
    this.lastResync = this.clock.now().getTime();
    for (const c of this.controllers.values()) for (const key of c.resyncKeys(this.cache)) this.enqueue(c.name, key);
  }

  /** Reads the change log to its end; returns how many changes were read. */
  private async poll(): Promise<number> {
    let n = 0;
    for (;;) {
      const { changes, next } = await clusterChangesSince(this.sim, this.cursor, 2000);
      for (const ch of changes) {
        if (UNCACHED.has(`${ch.kind.group}/${ch.kind.plural}`)) continue;
        const { applied, old } = this.cache.apply(ch.kind, ch.type, ch.object);
        if (applied) this.dispatch({ kind: ch.kind as KindInfo, type: ch.type, object: ch.object, old });
      }
      n += changes.length;
      const moved = next !== this.cursor;
      this.cursor = next;
      if (!moved || changes.length < 2000) break;
    }
    this.cache.forgetTombstonesUpTo(this.cursor);
    return n;
  }

  /** Runs every queued key that is due now, each controller's in write batches; returns how many ran. */
  private async runDue(): Promise<number> {
    const now = this.clock.now().getTime();
    if (now - this.lastResync >= this.resyncMs) {
      this.resync();
      // A listener lost since (a dropped connection) is opened again.
      this.waker?.renew();
    }
    let ran = 0;
    for (const [name, q] of this.queues) {
      const due: string[] = [];
      for (const [key, at] of q) if (at <= now) due.push(key);
      if (!due.length) continue;
      for (const key of due) q.delete(key);
      ran += due.length;
      const c = this.controllers.get(name)!;
      // Every due key of a controller runs before the next controller's (as before batching): the Deployment
      // and ReplicaSet controllers' surge and unavailability arithmetic relies on seeing each other's whole round.
      for (let i = 0; i < due.length;) i += await this.reconcileBatch(c, due.slice(i));
    }
    return ran;
  }

  /**
   * Runs keys in one write batch until it has made BATCH_WRITES writes or
   * run BATCH_MS; returns how many keys ran. A key whose reconcile is
   * refused (a K8sError: quota, conflict, ...) backs off alone; its writes
   * before the refusal stand, as they would outside a batch. Anything else
   * (a failed statement aborts the whole transaction) rolls the batch back
   * and its keys run again one by one, each write its own transaction, so
   * one bad key cannot hold the others back.
   */
  private async reconcileBatch(c: Controller, keys: string[]): Promise<number> {
    let i = 0;
    const began = performance.now();
    try {
      await this.ctx.write.batch(async (w) => {
        const ctx: ControllerContext = { ...this.ctx, sim: w.store, write: w, events: { record: (...a) => w.event(...a) } };
        while (i < keys.length) {
          await this.reconcile(c, keys[i++], ctx, true);
          if (w.writes >= BATCH_WRITES || performance.now() - began >= BATCH_MS) break;
        }
      });
    } catch (err) {
      this.log(`${c.name}: a batch of ${i} keys rolled back (${err instanceof Error ? err.message : String(err)}); running them one by one`);
      for (const key of keys.slice(0, i)) await this.reconcile(c, key, this.ctx, false);
    }
    return i;
  }

  private async reconcile(c: Controller, key: string, ctx: ControllerContext, inBatch: boolean): Promise<void> {
    const id = `${c.name}\u0000${key}`;
    try {
      const r: Requeue | void = await c.reconcile(key, ctx);
      this.failures.delete(id);
      if (r) this.enqueue(c.name, key, 'at' in r ? r.at.getTime() : this.clock.now().getTime() + r.afterMs);
    } catch (err) {
      if (inBatch && !(err instanceof K8sError)) throw err;
      const n = (this.failures.get(id) ?? 0) + 1;
      this.failures.set(id, n);
      this.log(`${c.name} ${key}: ${err instanceof Error ? err.message : String(err)} (attempt ${n})`);
      // Back off on the cluster clock, as client-go's rate-limited queue does (5 ms doubling, capped at 1000 s).
      this.enqueue(c.name, key, this.clock.now().getTime() + Math.min(5 * 2 ** (n - 1), 1_000_000));
    }
  }

  /** The earliest time a queued key is due, if any (tests move the clock there). */
  nextDue(): number | undefined {
    let min: number | undefined;
    for (const q of this.queues.values()) for (const at of q.values()) if (min === undefined || at < min) min = at;
    return min;
  }

  /** Keys queued for a controller, with their due times: for tests and diagnostics. */
  queued(controller: string): Map<string, number> {
    return new Map(this.queues.get(controller));
  }

  /**
   * Processes everything due at the current clock until nothing changes:
   * what tests call after each step instead of sleeping. Only a leader settles.
   */
  async settle(maxRounds = 10_000): Promise<void> {
    if (!this.leading) this.leading = await this.leader.tryAcquire();
    if (!this.leading) return;
    await this.sync();
    for (let i = 0; i < maxRounds; i++) {
      const read = await this.poll();
      const ran = await this.runDue();
      if (!read && !ran) return;
    }
    throw new Error(`controllers of cluster ${this.sim.clusterId} did not settle in ${maxRounds} rounds`);
  }

  /**
   * The live loop: try to lead, then read the change log and run due keys
   * each time a change commits or a key falls due (wake.ts says how it
   * waits); a follower tries to lead every 2 s.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    const waker = (this.waker = new RoundWaker(this.sim.db, this.sim.clusterId, this.pollMs, this.idleRoundMs));
    this.loop = (async () => {
      while (this.running) {
        const began = Date.now();
        await this.tick();
        if (!this.running) break;
        if (!this.leading) await waker.sleep(2000);
        else {
          const due = this.nextDue();
          await waker.next(began, due === undefined ? undefined : due - this.clock.now().getTime());
        }
      }
    })();
  }

  private async tick(): Promise<void> {
    try {
      if (!this.leading) {
        this.leading = await this.leader.tryAcquire();
        if (!this.leading) return;
        this.reset();
      } else if (this.clock.now().getTime() - this.lastResync >= this.resyncMs && !(await this.leader.holds())) {
        this.leading = false;
        this.log(`lost leadership of cluster ${this.sim.clusterId}`);
        return;
      }
      await this.sync();
      for (let i = 0; i < 100 && this.running; i++) {
        const read = await this.poll();
        const ran = await this.runDue();
        if (!read && !ran) {
          this.idleRounds += 1;
          break;
        }
      }
      if (this.running) await this.compactor.tick(this.clock.now().getTime(), this.cursor);
    } catch (err) {
      this.log(`cluster ${this.sim.clusterId}: ${err instanceof Error ? err.message : String(err)}`);
      // Start over from a fresh listing: the cache may have missed what failed.
      this.reset();
    }
  }

  /** Stops the loop, waits for the round in progress, and gives up leadership. */
  async stop(): Promise<void> {
    this.running = false;
    this.waker?.close();
    this.waker = null;
    await this.loop.catch(() => undefined);
    if (this.leading) await this.leader.release();
    this.leading = false;
  }
}

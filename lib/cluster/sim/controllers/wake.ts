import type { Db } from '@/db/client';
import { subscribeChanges, type ChangeSubscription } from '../notify';

/**
 * With notifications, an idle live loop still reads the change log this
 * often: a lost or late notification delays the controllers by at most
 * this much, as it does a watch (api/watch.ts).
 */
export const IDLE_ROUND_MS = 1000;

/**
 * How the controllers' live loop waits between rounds. A round runs when a
 * change to the cluster commits (the change log's notification,
 * ../notify.ts), when a queued key falls due, or after IDLE_ROUND_MS,
 * whichever comes first, and never sooner than `minGapMs` after the last
 * round began, so a burst of writes is read in batches. Without
 * notifications (a store that cannot LISTEN) it reads every `minGapMs`, as
 * the loop did before: an idle server then spent ~6 % of a core reading an
 * empty change log 20 times a second.
 */
export class RoundWaker {
  private sub: ChangeSubscription;
  private flowing = false;
  private closed = false;
  private sleeping: { timer: NodeJS.Timeout; done: () => void } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clusterId: string,
    private readonly minGapMs: number,
    private readonly idleMs = IDLE_ROUND_MS,
  ) {
    this.sub = this.subscribe();
  }

  private subscribe(): ChangeSubscription {
    const sub = subscribeChanges(this.db, this.clusterId);
    void sub.ready.then((ok) => {
      if (sub === this.sub) this.flowing = ok;
    });
    return sub;
  }

  /** Whether notifications wake the loop (false until LISTEN is active, and when it cannot be). */
  get listening(): boolean {
    return this.flowing;
  }

  /**
   * Subscribes anew, then lets the old subscription go: a listener that was
   * lost (a dropped PostgreSQL connection) is opened again by a new
   * subscriber. The manager calls this at each resync.
   */
  renew(): void {
    if (this.closed) return;
    const old = this.sub;
    this.sub = this.subscribe();
    void this.sub.ready.then(() => old.close());
  }

  /** Waits for the next round; `dueInMs` is when the earliest queued key falls due (undefined: none queued). */
  async next(roundBegan: number, dueInMs: number | undefined): Promise<void> {
    await this.sleep(roundBegan + this.minGapMs - Date.now());
    if (this.closed || !this.flowing) return;
    const wait = Math.min(dueInMs ?? this.idleMs, this.idleMs);
    if (wait > 0) await this.sub.next(wait);
  }

  /** A pause that close() ends at once. */
  sleep(ms: number): Promise<void> {
    if (this.closed || ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleeping = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeping = { timer, done };
    });
  }

  /** Ends any wait in progress and releases the subscription (the listener closes with its last subscriber). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sleeping?.done();
    this.sub.close();
  }
}

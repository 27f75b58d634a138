import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/db/client';
import { fixedClock } from '@/lib/testing/clock';
import { openTestStore, type TestStore } from '@/lib/testing/store';
import { watchStream } from './api/watch';
import { findKind } from './kinds';
import { subscribeChanges } from './notify';
import { seedLocalCluster } from './seed';
import { createObject, currentVersion, patchObject, type Sim } from './store';

const CM = findKind('', 'v1', 'configmaps')!;

/**
 * Watches are woken by LISTEN/NOTIFY when a change commits. `next(ms)` says
 * whether it woke for a notification (true) or ran out of time (false); the
 * waits below are a minute long, so a true is the notification, never a poll.
 */
let ts: TestStore;
/** A second connection to the same database: on PostgreSQL, what another Pier process would hold. */
let other: Store;
let s: Sim;
let t: Sim;
const clock = fixedClock('2026-03-01T10:00:00Z');
const LONG = 60_000;

beforeAll(async () => {
  ts = await openTestStore();
  const { clusterId } = await seedLocalCluster(ts.store.db, clock.now());
  s = { db: ts.store.db, clock, clusterId };
  other = ts.kind === 'pg' ? await openStore({ url: ts.url }) : ts.store;
  t = { db: other.db, clock, clusterId };
}, 180_000); // PGlite's first start compiles its WASM: minutes on a loaded machine
afterAll(async () => {
  if (other && other !== ts.store) await other.close();
  await ts?.dispose();
});

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });

describe('change notifications', () => {
  it('a committed write wakes a subscriber of its cluster, also when written through another connection', async () => {
    const sub = subscribeChanges(s.db, s.clusterId);
    try {
      expect(await sub.ready).toBe(true);
      const woke = sub.next(LONG);
      await createObject(t, CM, 'default', cm('notify-a'));
      expect(await woke).toBe(true);
    } finally {
      sub.close();
    }
  });

  it('a write that commits before the wait starts is not lost: the next wait returns at once', async () => {
    const sub = subscribeChanges(s.db, s.clusterId);
    try {
      await sub.ready;
      await createObject(t, CM, 'default', cm('notify-b'));
      // The notification may still be in flight on PostgreSQL; either way this wait ends by it, not by the timeout.
      expect(await sub.next(LONG)).toBe(true);
    } finally {
      sub.close();
    }
  });

  it('closing a subscription ends its wait at once, and the listener goes when the last one closes', async () => {
    const a = subscribeChanges(s.db, s.clusterId);
    const b = subscribeChanges(s.db, s.clusterId);
    await Promise.all([a.ready, b.ready]);
    const waiting = a.next(LONG);
    a.close();
    expect(await waiting).toBe(false);
    const woke = b.next(LONG);
    await createObject(t, CM, 'default', cm('notify-c'));
    expect(await woke).toBe(true);
    b.close();
    // A new subscriber after everyone left listens again.
    const c = subscribeChanges(s.db, s.clusterId);
    try {
      expect(await c.ready).toBe(true);
      const again = c.next(LONG);
      await createObject(t, CM, 'default', cm('notify-d'));
      expect(await again).toBe(true);
    } finally {
      c.close();
    }
  });
});

describe('a watch woken by notification', () => {
  /** Reads newline-delimited events until `until` says stop. */
  async function read(stream: ReadableStream<Uint8Array>, until: (events: Array<{ type: string; object: { metadata?: { name?: string; resourceVersion?: string } } }>) => boolean) {
    const reader = stream.getReader();
    const dec = new TextDecoder();
    let text = '';
    let events: Array<{ type: string; object: { metadata?: { name?: string; resourceVersion?: string } } }> = [];
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value, { stream: true });
      events = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    }
    await reader.cancel();
    return events;
  }

  it('streams, in resourceVersion order, the writes another connection commits after the watch opened', async () => {
    const from = await currentVersion(s.db, s.clusterId);
    const stream = watchStream(s, CM, { namespace: 'default', resourceVersion: String(from), timeoutSeconds: 120 });
    const reading = read(stream, (ev) => ev.length >= 3);
    await createObject(t, CM, 'default', cm('watched-1'));
    await patchObject(t, CM, 'default', 'watched-1', 'merge', { data: { a: '2' } });
    await createObject(t, CM, 'default', cm('watched-2'));
    const events = await reading;
    expect(events.map((e) => [e.type, e.object.metadata?.name])).toEqual([
      ['ADDED', 'watched-1'], ['MODIFIED', 'watched-1'], ['ADDED', 'watched-2'],
    ]);
    const versions = events.map((e) => Number(e.object.metadata?.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[0]).toBeGreaterThan(from);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { k8sChanges } from '@/db/schema';
import { fixedClock } from '@/lib/testing/clock';
import { watchStream } from './api/watch';
import { CHANGE_RETENTION_MS, COMPACT_EVERY_MS, compactChanges, Compactor, compactedVersion } from './compaction';
import { closeSimTestbed, openSimTestbed } from './controllers/testing';
import { findKind } from './kinds';
import { metaOf } from './objects';
import { K8sError } from './status';
import { changesSince, clusterChangesSince, createObject, currentVersion, type Sim } from './store';
import type { TestStore } from '@/lib/testing/store';

const CONFIGMAPS = findKind('', 'v1', 'configmaps')!;
const clock = fixedClock('2026-05-01T10:00:00Z');
let ts: TestStore;
let s: Sim;

beforeAll(async () => {
  ({ ts, s } = await openSimTestbed(clock, []));
});
afterAll(() => closeSimTestbed(ts, undefined));

const cm = async (name: string) => Number(metaOf(await createObject(s, CONFIGMAPS, 'default', { metadata: { name } })).resourceVersion);
const logRows = async () => (await s.db.select({ rv: k8sChanges.resourceVersion }).from(k8sChanges).where(eq(k8sChanges.clusterId, s.clusterId))).map((r) => r.rv);

/** The first event a watch sends after its opening newline. */
async function firstEvent(stream: ReadableStream<Uint8Array>): Promise<{ type: string; object: Record<string, unknown> }> {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (value) text += dec.decode(value);
    const line = text.split('\n').find((l) => l.trim() !== '');
    if (line && text.includes(`${line}\n`)) {
      await reader.cancel();
      return JSON.parse(line);
    }
    if (done) throw new Error(`stream ended: ${JSON.stringify(text)}`);
  }
}

describe('change log compaction', () => {
  it('removes changes up to the horizon; reading from below it is 410 Expired, from it reads on', async () => {
    const a = await cm('a');
    const b = await cm('b');
    const c = await cm('c');
    expect(await compactChanges(s.db, s.clusterId, b)).toBeGreaterThanOrEqual(2);
    expect(await compactedVersion(s.db, s.clusterId)).toBe(b);
    expect((await logRows()).every((rv) => rv > b)).toBe(true);

    const expired = await changesSince(s, CONFIGMAPS, { after: a - 1 }).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(K8sError);
    expect((expired as K8sError).k8s).toMatchObject({ code: 410, reason: 'Expired', message: `too old resource version: ${a - 1} (${b})` });
    await expect(clusterChangesSince(s, a)).rejects.toThrow(/too old resource version/);

    const rest = await changesSince(s, CONFIGMAPS, { after: b });
    expect(rest.map((ch) => ch.resourceVersion)).toEqual([c]);
    // The horizon never moves back.
    await compactChanges(s.db, s.clusterId, a);
    expect(await compactedVersion(s.db, s.clusterId)).toBe(b);
  });

  it('a watch from a compacted version answers with an ERROR event, 410 Expired, as the apiserver does', async () => {
    const horizon = await compactedVersion(s.db, s.clusterId);
    const ev = await firstEvent(watchStream(s, CONFIGMAPS, { namespace: 'default', resourceVersion: String(horizon - 1) }));
    expect(ev.type).toBe('ERROR');
    expect(ev.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    const d = await cm('d');
    const ok = await firstEvent(watchStream(s, CONFIGMAPS, { namespace: 'default', resourceVersion: String(horizon) }));
    expect(ok.type).toBe('ADDED');
    expect(Number(metaOf(ok.object as never).resourceVersion)).toBeLessThanOrEqual(d);
  });

  it('the leader keeps every change for the retention time, then compacts up to what it had read then', async () => {
    const compactor = new Compactor(s.db, s.clusterId);
    const t0 = clock.now().getTime();
    const v0 = await currentVersion(s.db, s.clusterId);
    await compactor.tick(t0, v0);
    const e = await cm('e');
    for (let t = COMPACT_EVERY_MS; t < CHANGE_RETENTION_MS; t += COMPACT_EVERY_MS) await compactor.tick(t0 + t, e);
    // Not yet five minutes since v0 was the log's end: nothing above the old horizon goes.
    expect((await logRows())).toContain(e);
    await compactor.tick(t0 + CHANGE_RETENTION_MS, e);
    expect(await compactedVersion(s.db, s.clusterId)).toBe(v0);
    expect((await logRows()).every((rv) => rv > v0)).toBe(true);
    expect(await logRows()).toContain(e);
    // One minute later the mark taken after `e` is due as well.
    await compactor.tick(t0 + CHANGE_RETENTION_MS + COMPACT_EVERY_MS, e);
    expect(await compactedVersion(s.db, s.clusterId)).toBe(e);
    expect((await s.db.select().from(k8sChanges).where(and(eq(k8sChanges.clusterId, s.clusterId)))).every((r) => r.resourceVersion > e)).toBe(true);
  });
});

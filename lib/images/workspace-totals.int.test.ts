import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { imageRepositories, imageTags, imageWorkspaces } from '@/db/schema';
import { fixedClock } from '@/lib/testing/clock';
import { setupWorld } from '@/lib/testing/world';
import { recordPushedImage } from './record';
import { createWorkspace, getWorkspace } from './workspaces';

/**
 * A workspace's image count and size are kept by triggers (migrations 0007 and 0010);
 * after every kind of change they must equal what aggregating its
 * repositories and tags from scratch gives.
 */
const w = setupWorld();
const digest = (c: string) => `sha256:${c.repeat(64).slice(0, 64)}`;

async function push(workspace: string, repository: string, tag: string, d: string, sizeBytes: number) {
  await recordPushedImage(w.ctx('admin'), { workspace, repository, tag, digest: digest(d), sizeBytes });
}

/** The first row of `db.execute`'s result: node-postgres gives `{ rows }`, PGlite's drizzle driver the rows themselves. */
const firstRow = <T>(result: unknown): T => ((result as { rows?: T[] }).rows ?? (result as T[]))[0];

/** The totals from scratch: repositories, and distinct manifests' sizes. */
async function recomputed(workspace: string) {
  const [ws] = await w.db.select({ id: imageWorkspaces.id }).from(imageWorkspaces).where(eq(imageWorkspaces.name, workspace));
  const rows = await w.db.execute<{ n: number; size: string | number }>(sql`
    select (select count(*)::int from image_repositories where workspace_id = ${ws.id}) as n,
           (select coalesce(sum(s.size), 0) from (select distinct t.digest, t.size from image_tags t
              join image_repositories r on r.id = t.repository_id where r.workspace_id = ${ws.id}) s) as size`);
  const row = firstRow<{ n: number; size: string | number }>(rows);
  return { imageCount: Number(row.n), sizeBytes: Number(row.size) };
}

async function kept(workspace: string) {
  const v = await getWorkspace(w.ctx('admin'), workspace);
  return { imageCount: v.imageCount, sizeBytes: v.sizeBytes };
}

describe('workspace image count and size', () => {
  it('follow pushes, shared manifests, re-tags and deletes of tags and repositories', async () => {
    await createWorkspace(w.ctx('admin'), { name: 'totals', public: true });
    expect(await kept('totals')).toEqual({ imageCount: 0, sizeBytes: 0 });

    await push('totals', 'web', 'v1', 'a', 1000);
    await push('totals', 'web', 'v2', 'b', 300);
    // The same manifest under another tag and another repository counts once.
    await push('totals', 'web', 'latest', 'b', 300);
    await push('totals', 'api', 'v1', 'b', 300);
    expect(await kept('totals')).toEqual({ imageCount: 2, sizeBytes: 1300 });
    expect(await kept('totals')).toEqual(await recomputed('totals'));

    // A tag moved to a new manifest: the old one still has other tags, the new one is new.
    await push('totals', 'web', 'v1', 'c', 50);
    expect(await kept('totals')).toEqual({ imageCount: 2, sizeBytes: 350 });

    // Deleting the last tag of a manifest takes its size out; deleting one of several does not.
    const [web] = await w.db.select({ id: imageRepositories.id }).from(imageRepositories).where(eq(imageRepositories.name, 'web'));
    await w.db.delete(imageTags).where(and(eq(imageTags.repositoryId, web.id), eq(imageTags.name, 'latest')));
    expect(await kept('totals')).toEqual({ imageCount: 2, sizeBytes: 350 });
    await w.db.delete(imageTags).where(and(eq(imageTags.repositoryId, web.id), eq(imageTags.name, 'v1')));
    expect(await kept('totals')).toEqual({ imageCount: 2, sizeBytes: 300 });

    // A repository deleted with its tags (cascade): counted out once, not twice.
    await w.db.delete(imageRepositories).where(eq(imageRepositories.id, web.id));
    expect(await kept('totals')).toEqual({ imageCount: 1, sizeBytes: 300 });
    expect(await kept('totals')).toEqual(await recomputed('totals'));
  });

  it('follow statements that write many tags at once (a re-sync, a bulk load)', async () => {
    await createWorkspace(w.ctx('admin'), { name: 'bulk-a', public: true });
    await createWorkspace(w.ctx('admin'), { name: 'bulk-b', public: true });
    await push('bulk-a', 'one', 'seed', 'e', 10);
    await push('bulk-b', 'two', 'seed', 'e', 10);
    const repos = await w.db.select({ id: imageRepositories.id, name: imageRepositories.name }).from(imageRepositories);
    const one = repos.find((r) => r.name === 'one')!.id;
    const two = repos.find((r) => r.name === 'two')!.id;
    const now = new Date();
    // One INSERT: 120 tags over two workspaces, 12 manifests, one of them ('e') already counted in both.
    const letters = 'efghijklmnop';
    const rows = Array.from({ length: 120 }, (_, i) => ({
      repositoryId: i % 2 ? one : two, name: `t${i}`, digest: digest(letters[i % 12]), size: 100 + (i % 12),
      pushedAt: now, createdAt: now,
    }));
    rows.forEach((r) => { if (r.digest === digest('e')) r.size = 10; });
    await w.db.insert(imageTags).values(rows);
    expect(await kept('bulk-a')).toEqual(await recomputed('bulk-a'));
    expect(await kept('bulk-b')).toEqual(await recomputed('bulk-b'));
    expect((await kept('bulk-a')).sizeBytes).toBeGreaterThan(10);

    // One UPDATE moving every tag of a manifest to a new one, and one that changes nothing counted.
    await w.db.update(imageTags).set({ digest: digest('q'), size: 5000 }).where(eq(imageTags.digest, digest('f')));
    await w.db.update(imageTags).set({ dockerVersion: '27.0' }).where(eq(imageTags.repositoryId, one));
    expect(await kept('bulk-a')).toEqual(await recomputed('bulk-a'));
    expect(await kept('bulk-b')).toEqual(await recomputed('bulk-b'));

    // One DELETE over both workspaces, then an upsert (INSERT … ON CONFLICT DO UPDATE) re-pointing tags.
    await w.db.delete(imageTags).where(sql`${imageTags.name} like 't1%'`);
    expect(await kept('bulk-a')).toEqual(await recomputed('bulk-a'));
    expect(await kept('bulk-b')).toEqual(await recomputed('bulk-b'));
    await w.db.insert(imageTags)
      .values([0, 2, 4, 200].map((i) => ({ repositoryId: two, name: `t${i}`, digest: digest('r'), size: 77, pushedAt: now, createdAt: now })))
      .onConflictDoUpdate({ target: [imageTags.repositoryId, imageTags.name], set: { digest: sql`excluded.digest`, size: sql`excluded.size` } });
    expect(await kept('bulk-b')).toEqual(await recomputed('bulk-b'));
    expect(await kept('bulk-a')).toEqual(await recomputed('bulk-a'));

    // Everything gone in one statement leaves nothing counted.
    await w.db.delete(imageTags).where(sql`${imageTags.repositoryId} in (${one}, ${two})`);
    expect(await kept('bulk-a')).toEqual({ imageCount: 1, sizeBytes: 0 });
    expect(await kept('bulk-b')).toEqual({ imageCount: 1, sizeBytes: 0 });
  });

  it('a new tag is one insert: the tags\' update trigger runs only for a tag that exists', async () => {
    // A statement trigger of the test's own counts the UPDATE statements on image_tags (an upsert is one too).
    await w.db.execute(sql`create table test_tag_update_statements (at timestamptz default now())`);
    await w.db.execute(sql`create function test_count_tag_updates() returns trigger language plpgsql as $$
      begin insert into test_tag_update_statements default values; return null; end $$`);
    await w.db.execute(sql`create trigger test_count_tag_updates after update on image_tags
      for each statement execute function test_count_tag_updates()`);
    const updates = async () => {
      const r = await w.db.execute(sql`select count(*)::int as n from test_tag_update_statements`);
      return Number(firstRow<{ n: number }>(r).n);
    };
    try {
      await createWorkspace(w.ctx('admin'), { name: 'totals-new', public: true });
      const clock = fixedClock('2026-11-24T08:00:00Z');
      const at = (workspace: string, repository: string, tag: string, d: string, sizeBytes: number) =>
        recordPushedImage(w.ctx('admin', { clock }), { workspace, repository, tag, digest: digest(d), sizeBytes });
      const first = await at('totals-new', 'svc', 'v1', 'g', 400);
      await at('totals-new', 'svc', 'v2', 'h', 100);
      expect(await updates()).toBe(0);
      expect(await kept('totals-new')).toEqual({ imageCount: 1, sizeBytes: 500 });

      // Pushed again over a tag that exists: moved, counted once; the repository kept and touched.
      clock.advance(60_000);
      const again = await at('totals-new', 'svc', 'v1', 'h', 100);
      expect(await updates()).toBe(1);
      expect(again).toEqual(first);
      expect(await kept('totals-new')).toEqual({ imageCount: 1, sizeBytes: 100 });
      expect(await kept('totals-new')).toEqual(await recomputed('totals-new'));
      const [svc] = await w.db.select().from(imageRepositories).where(eq(imageRepositories.name, 'svc'));
      expect(svc.createdAt.toISOString()).toBe('2026-11-24T08:00:00.000Z');
      expect(svc.updatedAt.toISOString()).toBe('2026-11-24T08:01:00.000Z');
      const [v1] = await w.db.select().from(imageTags).where(and(eq(imageTags.repositoryId, svc.id), eq(imageTags.name, 'v1')));
      expect(v1).toMatchObject({ digest: digest('h'), size: 100 });
      expect(v1.createdAt.toISOString()).toBe('2026-11-24T08:00:00.000Z');
      expect(v1.pushedAt.toISOString()).toBe('2026-11-24T08:01:00.000Z');
    } finally {
      await w.db.execute(sql`drop trigger test_count_tag_updates on image_tags`);
      await w.db.execute(sql`drop function test_count_tag_updates()`);
      await w.db.execute(sql`drop table test_tag_update_statements`);
    }
  });

  it('are per workspace, and a deleted workspace takes its reference counts with it', async () => {
    await createWorkspace(w.ctx('admin'), { name: 'totals-x', public: true });
    await createWorkspace(w.ctx('admin'), { name: 'totals-y', public: true });
    await push('totals-x', 'app', 'v1', 'd', 700);
    await push('totals-y', 'app', 'v1', 'd', 700);
    expect(await kept('totals-x')).toEqual({ imageCount: 1, sizeBytes: 700 });
    expect(await kept('totals-y')).toEqual({ imageCount: 1, sizeBytes: 700 });
    await w.db.delete(imageWorkspaces).where(eq(imageWorkspaces.name, 'totals-x'));
    expect(await kept('totals-y')).toEqual({ imageCount: 1, sizeBytes: 700 });
    const left = await w.db.execute(sql`select count(*)::int as n from image_workspace_manifests m
      where not exists (select 1 from image_workspaces w where w.id = m.workspace_id)`);
    const n = firstRow<{ n: number }>(left).n;
    expect(Number(n)).toBe(0);
  });
});

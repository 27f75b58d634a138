import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clusters, imageRepositories, imageWorkspaces } from '@/db/schema';
import { EmbeddedRegistry } from '@/lib/registry';
import { canPull, setImageResolver } from '@/lib/cluster/sim/controllers/images';
import { ClusterManager, defaultControllers } from '@/lib/cluster/sim/controllers';
import { runFor } from '@/lib/cluster/sim/controllers/testing';
import { EVENTS } from '@/lib/cluster/sim/controllers/events';
import { PODS } from '@/lib/cluster/sim/kinds';
import { metaOf } from '@/lib/cluster/sim/objects';
import { LOCAL_CLUSTER } from '@/lib/cluster/sim/seed';
import { createObject, getObject, listObjects } from '@/lib/cluster/sim/store';
import { fixedClock } from '@/lib/testing/clock';
import { setupWorld } from '@/lib/testing/world';
import { catalogImageResolver } from './kubelet-resolver';
import { setCatalogBackend } from './registry-link';
import { pushed } from './testing/catalog-fixture';
import { createWorkspace } from './workspaces';

const w = setupWorld();

describe('catalog image resolver for the simulated kubelet', () => {
  it('pulls only what the catalog holds and counts the pulls', async () => {
    setCatalogBackend(new EmbeddedRegistry('/nonexistent-never-touched', 'pier.local:5000'));
    try {
      await createWorkspace(w.ctx('admin'), { name: 'library', public: true });
      await pushed(w.ctx('admin'), 'library', 'nginx', 'alpine');
      await createWorkspace(w.ctx('dev'), { name: 'team', public: false });
      await pushed(w.ctx('dev'), 'team', 'web', '2');
      setImageResolver(catalogImageResolver(w.db));
      expect(await canPull('nginx:alpine')).toBe(true);
      expect(await canPull('docker.io/library/nginx:alpine')).toBe(true);
      expect(await canPull('nginx:latest')).toBe(false);
      expect(await canPull('pier.local:5000/team/web:2', undefined, { namespace: 'alpha', project: w.projects.alpha.id })).toBe(true);
      expect(await canPull('team/web:3')).toBe(false);
      expect(await canPull('quay.io/team/web:2')).toBe(false);
      const [nginx] = await w.db.select().from(imageRepositories).where(eq(imageRepositories.name, 'nginx'));
      expect(nginx.pullCount).toBe(2);
      const [web] = await w.db.select().from(imageRepositories).where(eq(imageRepositories.name, 'web'));
      expect(web.pullCount).toBe(1);
    } finally {
      setImageResolver(null);
      setCatalogBackend(null);
    }
  });
});

describe('the simulated kubelet with the catalog as its resolver', () => {
  it('pulls inside its own transaction: a pod reaches Running on either store, and the pull is counted', async () => {
    setCatalogBackend(new EmbeddedRegistry('/nonexistent-never-touched', 'pier.local:5000'));
    const [local] = await w.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, LOCAL_CLUSTER));
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const s = { db: w.db, clock, clusterId: local.id };
    const m = new ClusterManager({ sim: s, controllers: defaultControllers() });
    try {
      const ws = await w.db.select().from(imageWorkspaces).where(eq(imageWorkspaces.name, 'library'));
      if (!ws.length) await createWorkspace(w.ctx('admin'), { name: 'library', public: true });
      await pushed(w.ctx('admin'), 'library', 'busybox', '1.36');
      setImageResolver(catalogImageResolver(w.db));
      await createObject(s, PODS, 'alpha', { metadata: { name: 'pulls-from-catalog' }, spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } });
      // On PGlite, a resolver reading outside the kubelet's transaction waited for it forever: this never settled.
      await runFor(m, clock, 60_000);
      const pod = await getObject(s, PODS, 'alpha', 'pulls-from-catalog');
      expect((pod.status as { phase?: string }).phase).toBe('Running');
      const [busybox] = await w.db.select().from(imageRepositories).where(eq(imageRepositories.name, 'busybox'));
      expect(busybox.pullCount).toBe(1);
    } finally {
      await m.stop();
      setImageResolver(null);
      setCatalogBackend(null);
    }
  });
});

describe('private workspaces and pulls', () => {
  it('a private workspace serves its own project\'s namespaces only; others are denied and not counted', async () => {
    setCatalogBackend(new EmbeddedRegistry('/nonexistent-never-touched', 'pier.local:5000'));
    try {
      const ensure = async (name: string, ctx: ReturnType<typeof w.ctx>, pub: boolean) => {
        const ws = await w.db.select().from(imageWorkspaces).where(eq(imageWorkspaces.name, name));
        if (!ws.length) await createWorkspace(ctx, { name, public: pub });
      };
      await ensure('library', w.ctx('admin'), true);
      await pushed(w.ctx('admin'), 'library', 'redis', '7.2');
      await ensure('alphaonly', w.ctx('dev'), false);
      await pushed(w.ctx('dev'), 'alphaonly', 'api', '1');
      await ensure('sysprivate', w.ctx('admin'), false);
      await pushed(w.ctx('admin'), 'sysprivate', 'agent', '1');
      const [alphaWs] = await w.db.select().from(imageWorkspaces).where(eq(imageWorkspaces.name, 'alphaonly'));
      expect(alphaWs.projectId).toBe(w.projects.alpha.id);
      setImageResolver(catalogImageResolver(w.db));
      const alpha = { namespace: 'alpha', project: w.projects.alpha.id };
      const beta = { namespace: 'beta', project: w.projects.beta.id };
      const gamma = { namespace: 'g', project: w.projects.gamma.id };
      const noProject = { namespace: 'kube-system' };
      expect(await canPull('alphaonly/api:1', undefined, alpha)).toBe(true);
      expect(await canPull('alphaonly/api:1', undefined, beta)).toBe('denied');
      expect(await canPull('alphaonly/api:1', undefined, gamma)).toBe('denied');
      expect(await canPull('alphaonly/api:1', undefined, noProject)).toBe('denied');
      expect(await canPull('alphaonly/api:1')).toBe('denied');
      // Not there at all stays "not found", whoever asks.
      expect(await canPull('alphaonly/api:2', undefined, beta)).toBe(false);
      // Public workspaces serve everyone.
      expect(await canPull('redis:7.2', undefined, beta)).toBe(true);
      expect(await canPull('redis:7.2', undefined, gamma)).toBe(true);
      expect(await canPull('redis:7.2', undefined, noProject)).toBe(true);
      // A private system workspace serves only namespaces of no project.
      expect(await canPull('sysprivate/agent:1', undefined, noProject)).toBe(true);
      expect(await canPull('sysprivate/agent:1', undefined, alpha)).toBe('denied');
      const counts = Object.fromEntries((await w.db.select().from(imageRepositories)).map((r) => [r.name, r.pullCount]));
      expect(counts.api).toBe(1);
      expect(counts.agent).toBe(1);
    } finally {
      setImageResolver(null);
      setCatalogBackend(null);
    }
  });

  it('the kubelet: a pod in another project\'s namespace gets ErrImagePull worded "pull access denied"; the owner\'s pod runs', async () => {
    setCatalogBackend(new EmbeddedRegistry('/nonexistent-never-touched', 'pier.local:5000'));
    const [local] = await w.db.select({ id: clusters.id }).from(clusters).where(eq(clusters.name, LOCAL_CLUSTER));
    const clock = fixedClock('2026-03-02T10:00:00Z');
    const s = { db: w.db, clock, clusterId: local.id };
    const m = new ClusterManager({ sim: s, controllers: defaultControllers() });
    try {
      const ws = await w.db.select().from(imageWorkspaces).where(eq(imageWorkspaces.name, 'alphapods'));
      if (!ws.length) await createWorkspace(w.ctx('dev'), { name: 'alphapods', public: false });
      await pushed(w.ctx('dev'), 'alphapods', 'svc', '3');
      setImageResolver(catalogImageResolver(w.db));
      await createObject(s, PODS, 'alpha', { metadata: { name: 'owner-pulls' }, spec: { containers: [{ name: 'main', image: 'alphapods/svc:3' }] } });
      await createObject(s, PODS, 'beta', { metadata: { name: 'stranger-pulls' }, spec: { containers: [{ name: 'main', image: 'alphapods/svc:3' }] } });
      await runFor(m, clock, 1500);
      const mine = await getObject(s, PODS, 'alpha', 'owner-pulls');
      expect((mine.status as { phase?: string }).phase).toBe('Running');
      const theirs = await getObject(s, PODS, 'beta', 'stranger-pulls');
      const waiting = (theirs.status as { containerStatuses: Array<{ state: { waiting?: { reason: string; message?: string } } }> }).containerStatuses[0].state.waiting!;
      expect(waiting.reason).toBe('ErrImagePull');
      expect(waiting.message).toBe(
        'failed to pull and unpack image "docker.io/alphapods/svc:3": failed to resolve reference "docker.io/alphapods/svc:3": ' +
          'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      );
      const events = (await listObjects(s, EVENTS, { namespace: 'beta', fieldSelector: 'involvedObject.name=stranger-pulls' })).items;
      const failed = events.map((e) => String(e.message)).find((msg) => msg.startsWith('Failed to pull image'));
      expect(failed).toBe(
        'Failed to pull image "alphapods/svc:3": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/alphapods/svc:3": ' +
          'failed to resolve reference "docker.io/alphapods/svc:3": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      );
      expect(events.some((e) => e.message === 'Error: ErrImagePull' && metaOf(e).namespace === 'beta')).toBe(true);
      const [svc] = await w.db.select().from(imageRepositories).where(eq(imageRepositories.name, 'svc'));
      expect(svc.pullCount).toBe(1);
    } finally {
      await m.stop();
      setImageResolver(null);
      setCatalogBackend(null);
    }
  });
});

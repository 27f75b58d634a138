import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clusters, imageRepositories, imageWorkspaces } from '@/db/schema';
import { EmbeddedRegistry } from '@/lib/registry';
import { canPull, setImageResolver } from '@/lib/cluster/sim/controllers/images';
import { ClusterManager, defaultControllers } from '@/lib/cluster/sim/controllers';
import { runFor } from '@/lib/cluster/sim/controllers/testing';
import { PODS } from '@/lib/cluster/sim/kinds';
import { LOCAL_CLUSTER } from '@/lib/cluster/sim/seed';
import { createObject, getObject } from '@/lib/cluster/sim/store';
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
      expect(await canPull('pier.local:5000/team/web:2')).toBe(true);
      expect(await canPull('team/web:3')).toBe(false);
      expect(await canPull('quay.io/team/web:2')).toBe(false);
      const [nginx] = await w.db.select().from(imageRepositories).where(eq(imageRepositories.name, 'nginx'));
      expect(nginx.pullCount).toBe(2);
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

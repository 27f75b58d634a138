import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { imageRepositories } from '@/db/schema';
import { EmbeddedRegistry } from '@/lib/registry';
import { canPull, setImageResolver } from '@/lib/cluster/sim/controllers/images';
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

import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, imageRepositories, imageTags, imageWorkspaces } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import { registryFromEnv } from '..';
import type { ImportedImage, RegistryBackend } from '../types';
import { DEMO_DESCRIPTIONS, DEMO_IMAGES, demoDockerSave } from './demo-archives';

/**
 * First start: the public system workspace `library` with the demo images,
 * imported into the configured registry backend through the same verified
 * path as an upload, then recorded in the catalog, so both agree.
 * Idempotent: a `library` that exists is left alone. The backend is built
 * from the environment now (not the process-wide one), so a start on a new
 * PIER_DATA_DIR seeds that directory's registry.
 */
export async function seedImages(db: Db, now: Date, backend: RegistryBackend = registryFromEnv()): Promise<void> {
  const [existing] = await db.select({ id: imageWorkspaces.id }).from(imageWorkspaces).where(eq(imageWorkspaces.name, 'library'));
  if (existing) return;
  const imported: ImportedImage[] = [];
  const dir = path.join(os.tmpdir(), `pier-demo-images-${process.pid}-${newId().slice(0, 8)}`);
  const file = `${dir}.tar`;
  try {
    for (const img of DEMO_IMAGES) {
      await writeFile(file, demoDockerSave(img));
      imported.push(...(await backend.importArchive(file, { workspace: 'library' })));
    }
  } finally {
    await rm(file, { force: true });
  }
  await db.transaction(async (tx) => {
    const wsId = newId();
    await tx.insert(imageWorkspaces).values({ id: wsId, name: 'library', public: true, projectId: null, createdAt: now, updatedAt: now });
    const repoIds = new Map<string, string>();
    for (const img of imported) {
      const name = img.repository.slice('library/'.length);
      if (!repoIds.has(name)) {
        const id = newId();
        repoIds.set(name, id);
        await tx.insert(imageRepositories).values({ id, workspaceId: wsId, name, description: DEMO_DESCRIPTIONS[name] ?? '', createdAt: now, updatedAt: now });
      }
      await tx.insert(imageTags).values({
        repositoryId: repoIds.get(name)!, name: img.tag, digest: img.digest, size: img.size,
        imageCreatedAt: img.created ? new Date(img.created) : null, dockerVersion: img.dockerVersion, architecture: img.architecture, os: img.os,
        pushedAt: now, createdAt: now,
      });
    }
    await tx.insert(auditLog).values({
      at: now, actorId: null, actorName: 'system', departmentId: null, action: 'seed', resourceType: 'image_workspace',
      resourceId: wsId, resourceName: 'library', source: 'seed', after: { images: imported.map((i) => `${i.repository}:${i.tag}`) },
    });
  });
}

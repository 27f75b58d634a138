import type { Db } from '@/db/client';
import { setImageResolver, type ImageResolver } from '../cluster/sim/controllers/images';
import { registryAddress } from './address';
import { resolveImage } from './resolve';

/**
 * The simulated kubelet's image lookup backed by the catalog: a reference
 * with no registry host (docker.io as the kubelet parses it) or with this
 * registry's pull host is looked up; a found tag counts as a pull of its
 * repository. Anything else cannot be pulled (ErrImagePull).
 */
export function catalogImageResolver(db: Db): ImageResolver {
  return async (ref, tx) => {
    if (ref.registry !== 'docker.io' && ref.registry !== registryAddress()) return false;
    const found = await resolveImage(tx ?? db, ref.digest ? `${ref.repository}@${ref.digest}` : `${ref.repository}:${ref.tag}`, { countPull: true });
    return found !== null;
  };
}

/** Called once by the server before the controllers start. */
export function installCatalogImageResolver(db: Db): void {
  setImageResolver(catalogImageResolver(db));
}

import type { Db } from '@/db/client';
import { setImageResolver, type ImageResolver, type ImageRef, type Puller, type PullAnswer } from '../cluster/sim/controllers/images';
import { registryAddress } from './address';
import { countPull, resolveImage } from './resolve';

/**
 * Who may pull a resolved image: anyone from a public workspace; from a
 * private one, pods whose namespace belongs to the workspace's project
 * (label pier.io/project). A private system workspace (no owning project)
 * serves the namespaces that belong to no project: the administrators' own
 * (kube-system, default), never a tenant's.
 */
export function mayPull(image: { public: boolean; projectId: string | null }, puller: Puller = {}): boolean {
  if (image.public) return true;
  return image.projectId === (puller.project ?? null);
}

/**
 * The simulated kubelet's image lookup backed by the catalog: a reference
 * with no registry host (docker.io as the kubelet parses it) or with this
 * registry's pull host is looked up; a found tag the puller may have counts
 * as a pull of its repository. Not ours or not there: false (not found); there
 * but private to another project: 'denied' (the kubelet words it as
 * containerd does, "pull access denied"), and not counted.
 */
export function catalogImageResolver(db: Db): ImageResolver {
  return async (ref: ImageRef, tx?: Db, puller?: Puller): Promise<PullAnswer> => {
    if (ref.registry !== 'docker.io' && ref.registry !== registryAddress()) return false;
    const store = tx ?? db;
    const found = await resolveImage(store, ref.digest ? `${ref.repository}@${ref.digest}` : `${ref.repository}:${ref.tag}`);
    if (!found) return false;
    if (!mayPull(found, puller)) return 'denied';
    await countPull(store, found.repositoryId);
    return true;
  };
}

/** Called once by the server before the controllers start. */
export function installCatalogImageResolver(db: Db): void {
  setImageResolver(catalogImageResolver(db));
}

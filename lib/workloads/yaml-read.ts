import type { Ctx } from '@/lib/context';
import type { RawKind } from '@/lib/dialects/ecns/yaml';
import { applicationObjects, objectYaml, readRaw } from './yaml-objects';
import { rawScope } from './yaml-scope';
import { requireApplication } from './yaml-application';

/**
 * GET /_raw/<kind>/name/<name>/: the object as YAML; for `application`,
 * every resource of the application as a multi-document YAML stream. A
 * Secret's YAML holds its data, so reading it needs the write grant.
 */
export async function rawYaml(ctx: Ctx, kind: RawKind | 'application', name: string, clusterAddr?: string): Promise<string> {
  const sc = await rawScope(ctx, kind, kind === 'Secret' ? 'write' : 'read', clusterAddr);
  if (kind !== 'application') return objectYaml(await readRaw(sc, kind, name));
  await requireApplication(sc, name);
  return (await applicationObjects(sc, name)).map(objectYaml).join('---\n');
}

import { getObject, kube, kubeStatusOf, noteWrite, type KubeObject } from '@/lib/cluster/adapter';
import { mutate, recordAudit } from '@/lib/audit/record';
import type { Ctx } from '@/lib/context';
import { WORKLOAD_TYPES } from '@/lib/dialects/ecns/workloads';
import { RAW_KINDS, type RawKind, type YamlItem, type YamlResult } from '@/lib/dialects/ecns/yaml';
import { Invalid } from '@/lib/errors';
import { requireApplication } from './yaml-application';
import { applicationObjects, objectYaml } from './yaml-objects';
import { checkObject, claimForApplication, parseObjects } from './yaml-parse';
import { rawScope, type RawScope } from './yaml-scope';

type Mode = 'create' | 'replace';

/** What an application's YAML may hold: the namespaced kinds. */
const APPLICATION_KINDS = (Object.keys(RAW_KINDS) as RawKind[]).filter((k) => RAW_KINDS[k].namespaced);
const isWorkloadKind = (k: string) => (WORKLOAD_TYPES as readonly string[]).includes(k);

async function send(sc: RawScope, mode: Mode, o: KubeObject, dryRun: boolean): Promise<KubeObject> {
  let body = o;
  // Like `kubectl replace` without a resourceVersion: last writer wins.
  if (mode === 'replace' && !o.metadata?.resourceVersion) {
    const live = await getObject(sc.c, { apiVersion: o.apiVersion!, kind: o.kind! }, o.metadata!.name!, sc.namespace);
    body = { ...o, metadata: { ...o.metadata, resourceVersion: live.metadata?.resourceVersion } };
  }
  const answer = await kube(async () => {
    const { path } = await sc.c.objects.pathOf(o.apiVersion!, o.kind!, sc.namespace, mode === 'replace' ? o.metadata!.name : undefined);
    // Strict like kubectl: a mistyped field in hand-written YAML is refused, not silently dropped.
    return sc.c.objects.send<KubeObject>(mode === 'create' ? 'POST' : 'PUT', path, { body, query: { fieldValidation: 'Strict', dryRun: dryRun ? 'All' : undefined } });
  });
  if (!dryRun) noteWrite(sc.c, { apiVersion: o.apiVersion!, kind: o.kind! }, o.metadata!.name, sc.namespace, answer);
  return { apiVersion: o.apiVersion, kind: o.kind, ...answer };
}

const item = (o: KubeObject, reason = ''): YamlItem => ({ name: String(o.metadata?.name ?? ''), kind: String(o.kind ?? ''), yaml: objectYaml(o), reason });

/** Sends each object; what the apiserver refuses is a failed item with its message, anything else (cluster unreachable) is thrown. */
async function sendAll(sc: RawScope, mode: Mode, objects: KubeObject[], dryRun: boolean): Promise<YamlResult> {
  const out: YamlResult = { succeed: [], failed: [] };
  for (const o of objects) {
    try {
      const answer = await send(sc, mode, o, dryRun);
      out.succeed.push(item(answer));
    } catch (err) {
      const status = kubeStatusOf(err);
      if (!status) throw err;
      out.failed.push(item(o, status.message));
    }
  }
  return out;
}

/** The objects of the body, checked against the URL (kind, name, namespace; an application's membership) before anything is sent. */
async function objectsFor(sc: RawScope, mode: Mode, kind: RawKind | 'application', name: string, text: string): Promise<KubeObject[]> {
  const objects = parseObjects(text);
  if (kind !== 'application') {
    if (objects.length !== 1) throw new Invalid({ yaml: `one ${kind} expected, the YAML holds ${objects.length} objects` });
    checkObject(objects[0], { kinds: [kind], name, namespace: sc.namespace });
    return objects;
  }
  const seen = new Set<string>();
  for (const [i, o] of objects.entries()) {
    const at = `yaml[${i}].`;
    const k = checkObject(o, { kinds: APPLICATION_KINDS, namespace: sc.namespace, at });
    const key = `${k}/${o.metadata!.name}`;
    if (seen.has(key)) throw new Invalid({ [`${at}metadata.name`]: `${key} appears twice` });
    seen.add(key);
    if (isWorkloadKind(k)) claimForApplication(o, name, at);
  }
  await requireApplication(sc, name);
  if (mode === 'replace') {
    const mine = new Set((await applicationObjects(sc, name)).map((o) => `${o.kind}/${o.metadata?.name}`));
    for (const [i, o] of objects.entries()) {
      if (!mine.has(`${o.kind}/${o.metadata!.name}`)) throw new Invalid({ [`yaml[${i}].metadata.name`]: `${o.kind} "${o.metadata!.name}" is not a resource of application "${name}"` });
    }
  }
  return objects;
}

/**
 * PUT (replace) or POST (create) /_raw/<kind>/name/<name>/ from YAML. Every
 * object is first sent as a dry run: if the apiserver refuses any, nothing is
 * written and `failed` holds each refusal with the apiserver's message as
 * `reason`. Otherwise each is written in turn; one audit row per object
 * written, in one transaction, after the cluster accepted it.
 */
export async function applyYaml(ctx: Ctx, mode: Mode, kind: RawKind | 'application', name: string, text: string, clusterAddr?: string): Promise<YamlResult> {
  const sc = await rawScope(ctx, kind, 'write', clusterAddr);
  const objects = await objectsFor(sc, mode, kind, name, text);
  const dry = await sendAll(sc, mode, objects, true);
  if (dry.failed.length) return { succeed: [], failed: dry.failed };
  const result = await sendAll(sc, mode, objects, false);
  if (result.succeed.length) {
    await mutate(ctx, async (tx) => {
      for (const it of result.succeed) {
        await recordAudit(ctx, tx, {
          action: mode === 'create' ? 'create' : 'update',
          resourceType: isWorkloadKind(it.kind) ? 'workload' : it.kind.toLowerCase(),
          resourceId: [sc.cluster.name, sc.namespace, it.kind, it.name].filter(Boolean).join('/'),
          resourceName: it.name, departmentId: sc.departmentId, projectId: sc.projectId,
          after: { via: 'yaml', ...(kind === 'application' ? { application: name } : {}) },
        });
      }
    });
  }
  return result;
}

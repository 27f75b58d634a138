import { findKind, KINDS, NAMESPACES, PODS, type KindInfo } from '../kinds';
import { failureStatus, K8sError } from '../status';

export type ApiPath =
  | { type: 'version' }
  | { type: 'api' }
  | { type: 'apis' }
  | { type: 'group'; group: string }
  | { type: 'resources'; group: string; version: string }
  /** /openapi/v3 (the index) and /openapi/v3/api/v1, /openapi/v3/apis/{group}/{version}. */
  | { type: 'openapi'; group?: string; version?: string }
  /** /openapi/v2: the Swagger 2.0 document, protobuf or JSON. */
  | { type: 'openapiV2' }
  | { type: 'object'; kind: KindInfo; namespace?: string; name?: string; subresource?: string };

export const notServed = () =>
  new K8sError(failureStatus(404, 'the server could not find the requested resource', 'NotFound', {}));

function servesGroup(group: string, version?: string): boolean {
  return KINDS.some((k) => k.group === group && (version === undefined || k.version === version));
}

/** The resource part of a URL after /api/v1 or /apis/{group}/{version}. */
function resourcePath(group: string, version: string, rest: string[]): ApiPath {
  let namespace: string | undefined;
  let parts = rest;
  // namespaces/{ns}/{resource}/... unless {resource} is a namespace's own subresource (status, finalize).
  if (rest[0] === 'namespaces' && rest.length >= 3 && findKind(group, version, rest[2])?.namespaced) {
    namespace = rest[1];
    parts = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = parts;
  const kind = findKind(group, version, plural);
  if (!kind || extra.length || (namespace !== undefined && !kind.namespaced)) throw notServed();
  if (kind === NAMESPACES && namespace !== undefined) throw notServed();
  if (subresource !== undefined && !(kind.subresources as string[]).includes(subresource) && !(kind === PODS && subresource === 'log')) throw notServed();
  if (name === '') throw notServed();
  return { type: 'object', kind, namespace, name, subresource };
}

/** Routes the segments after /k8s/{cluster}/ to what they address; anything else is a 404 Status. */
export function parseApiPath(segments: string[]): ApiPath {
  const s = segments.filter((x, i) => x !== '' || i < segments.length - 1);
  if (s.length === 1 && s[0] === 'version') return { type: 'version' };
  if (s[0] === 'openapi' && s[1] === 'v2' && s.length === 2) return { type: 'openapiV2' };
  if (s[0] === 'openapi' && s[1] === 'v3') {
    if (s.length === 2) return { type: 'openapi' };
    if (s[2] === 'api' && s.length === 4) return { type: 'openapi', group: '', version: s[3] };
    if (s[2] === 'apis' && s.length === 5) return { type: 'openapi', group: s[3], version: s[4] };
    throw notServed();
  }
  if (s[0] === 'api') {
    if (s.length === 1) return { type: 'api' };
    if (s[1] !== 'v1') throw notServed();
    if (s.length === 2) return { type: 'resources', group: '', version: 'v1' };
    return resourcePath('', 'v1', s.slice(2));
  }
  if (s[0] === 'apis') {
    if (s.length === 1) return { type: 'apis' };
    const group = s[1];
    if (s.length === 2) {
      if (!servesGroup(group)) throw notServed();
      return { type: 'group', group };
    }
    const version = s[2];
    if (!servesGroup(group, version) || group === '') throw notServed();
    if (s.length === 3) return { type: 'resources', group, version };
    return resourcePath(group, version, s.slice(3));
  }
  throw notServed();
}

import { apiVersionOf, groupVersions, KINDS } from '../kinds';

/** What `kubectl version` reads. The simulated cluster claims the API level it follows. */
export function versionInfo() {
  return {
    major: '1',
    minor: '30',
    gitVersion: 'v1.30.0-pier-sim',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.22.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(name: string) {
  const versions = groupVersions()
    .filter((g) => g.group === name)
    .map((g) => ({ groupVersion: apiVersionOf(g), version: g.version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name, versions, preferredVersion: versions[0] };
}

export function apiGroupList() {
  const names = [...new Set(groupVersions().map((g) => g.group))].filter((g) => g !== '');
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: names.map(apiGroup) };
}

export function apiGroupInfo(group: string) {
  return apiGroup(group);
}

const SUB_VERBS = ['get', 'patch', 'update'];

export function apiResourceList(group: string, version: string) {
  const resources = KINDS.filter((k) => k.group === group && k.version === version).flatMap((k) => [
    {
      name: k.plural,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: k.verbs,
      ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
      ...(k.categories.length ? { categories: k.categories } : {}),
    },
    // The pods/log subresource is served by the API layer, not the store (lib/cluster/sim/api/logs.ts).
    ...(k.group === '' && k.plural === 'pods' ? [{ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }] : []),
    ...k.subresources.map((sub) =>
      sub === 'scale'
        ? { name: `${k.plural}/scale`, singularName: '', namespaced: k.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: SUB_VERBS }
        : { name: `${k.plural}/status`, singularName: '', namespaced: k.namespaced, kind: k.kind, verbs: SUB_VERBS },
    ),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

import { loadYaml } from '@kubernetes/client-node';
import { Invalid } from '@/lib/errors';

/** The one context Pier keeps from a pasted kubeconfig: its cluster, user and context entries, as written. */
export interface KubeconfigDoc {
  apiVersion: 'v1';
  kind: 'Config';
  'current-context': string;
  clusters: [{ name: string; cluster: Record<string, unknown> }];
  users: [{ name: string; user: Record<string, unknown> }];
  contexts: [{ name: string; context: Record<string, unknown> }];
}

export interface ParsedKubeconfig {
  doc: KubeconfigDoc;
  server: string;
}

type Entry = { name?: unknown; [k: string]: unknown };

/**
 * Credentials a kubeconfig may carry. Everything here is inline data: a file
 * path would name a file on Pier's host, not the user's, and exec or
 * auth-provider plugins would run programs inside Pier. Those are refused.
 */
const USER_FIELDS = new Set(['token', 'client-certificate-data', 'client-key-data', 'username', 'password', 'as', 'as-groups', 'as-uid']);
const CLUSTER_FIELDS = new Set(['server', 'certificate-authority-data', 'insecure-skip-tls-verify', 'tls-server-name', 'proxy-url', 'extensions', 'disable-compression']);
const REFUSED: Record<string, string> = {
  exec: 'exec credential plugins are not supported: paste a kubeconfig with a token or a client certificate',
  'auth-provider': 'auth-provider plugins are not supported: paste a kubeconfig with a token or a client certificate',
  tokenFile: 'tokenFile points to a file on this machine: put the token itself in the kubeconfig',
  'client-certificate': 'client-certificate points to a file: use client-certificate-data',
  'client-key': 'client-key points to a file: use client-key-data',
  'certificate-authority': 'certificate-authority points to a file: use certificate-authority-data',
};

function refuse(reason: string): never {
  throw new Invalid({ kubeconfig: reason }, `the kubeconfig is refused: ${reason}`);
}

function named(list: unknown, what: string, name: string): Entry {
  if (list !== undefined && !Array.isArray(list)) refuse(`${what} must be a list`);
  const found = ((list as Entry[] | undefined) ?? []).find((e) => e && typeof e === 'object' && e.name === name);
  if (!found) refuse(`${what.replace(/s$/, '')} "${name}" named by the current context is missing`);
  return found;
}

function checkFields(obj: Record<string, unknown>, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(obj)) {
    if (REFUSED[key]) refuse(`${where}: ${REFUSED[key]}`);
    if (!allowed.has(key)) refuse(`${where}: field "${key}" is not supported`);
  }
}

/**
 * Parses a pasted or uploaded kubeconfig and keeps only its current context.
 * Throws Invalid on the field `kubeconfig` with the reason; nothing is stored
 * by the caller then.
 */
export function parseKubeconfig(text: string): ParsedKubeconfig {
  if (!text.trim()) refuse('it is empty');
  let raw: unknown;
  try {
    raw = loadYaml(text);
  } catch (err) {
    refuse(`not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) refuse('not a kubeconfig (expected a mapping with clusters, users and contexts)');
  const cfg = raw as Record<string, unknown>;
  if (cfg.kind !== undefined && cfg.kind !== 'Config') refuse(`kind is "${String(cfg.kind)}", expected "Config"`);
  const current = cfg['current-context'];
  if (typeof current !== 'string' || !current) refuse('no current-context is set');
  const ctxEntry = named(cfg.contexts, 'contexts', current);
  const context = (ctxEntry.context ?? {}) as Record<string, unknown>;
  if (typeof context.cluster !== 'string' || !context.cluster) refuse(`context "${current}" names no cluster`);
  if (typeof context.user !== 'string' || !context.user) refuse(`context "${current}" names no user`);
  const clusterEntry = named(cfg.clusters, 'clusters', context.cluster);
  const userEntry = named(cfg.users, 'users', context.user);
  const cluster = (clusterEntry.cluster ?? {}) as Record<string, unknown>;
  const user = (userEntry.user ?? {}) as Record<string, unknown>;
  if (typeof cluster !== 'object' || typeof user !== 'object') refuse('cluster and user entries must be mappings');
  checkFields(cluster, CLUSTER_FIELDS, `cluster "${context.cluster}"`);
  checkFields(user, USER_FIELDS, `user "${context.user}"`);

  const server = cluster.server;
  if (typeof server !== 'string' || !server) refuse(`cluster "${context.cluster}" has no server`);
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    refuse(`cluster "${context.cluster}": server "${server}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse(`cluster "${context.cluster}": server must be an http(s) URL`);
  // client-node itself refuses plain HTTP unless TLS verification is off; say so now rather than on first use.
  if (url.protocol === 'http:' && cluster['insecure-skip-tls-verify'] !== true) {
    refuse(`cluster "${context.cluster}": server is plain http://; use https, or set insecure-skip-tls-verify: true to accept it`);
  }
  const hasToken = typeof user.token === 'string' && user.token !== '';
  const hasCert = typeof user['client-certificate-data'] === 'string' && typeof user['client-key-data'] === 'string';
  const hasBasic = typeof user.username === 'string' && typeof user.password === 'string';
  if (user['client-certificate-data'] !== undefined && !hasCert) refuse(`user "${context.user}": client-certificate-data needs client-key-data`);
  if (!hasToken && !hasCert && !hasBasic) refuse(`user "${context.user}" has no credentials (token, client certificate, or username and password)`);
  for (const f of ['certificate-authority-data', 'client-certificate-data', 'client-key-data'] as const) {
    const v = f in cluster ? cluster[f] : user[f];
    if (v !== undefined && (typeof v !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(v))) refuse(`${f} must be base64`);
  }

  const doc: KubeconfigDoc = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': current,
    clusters: [{ name: context.cluster, cluster }],
    users: [{ name: context.user, user }],
    contexts: [{ name: current, context: { cluster: context.cluster, user: context.user, ...(typeof context.namespace === 'string' ? { namespace: context.namespace } : {}) } }],
  };
  return { doc, server: url.toString().replace(/\/$/, '') };
}

/**
 * The kubeconfig Pier uses for its own simulated cluster: a Pier token; the
 * server (this process, plain HTTP on loopback unless PIER_SELF_URL says
 * otherwise) is filled in at connect time. client-node refuses http:// unless
 * TLS verification is off, hence the flag.
 */
export function simulatedKubeconfig(clusterName: string, token: string, server = `/k8s/${clusterName}`): KubeconfigDoc {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': clusterName,
    clusters: [{ name: clusterName, cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'pier-system', user: { token } }],
    contexts: [{ name: clusterName, context: { cluster: clusterName, user: 'pier-system' } }],
  };
}

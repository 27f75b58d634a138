/**
 * Which images a simulated kubelet can pull. Pier's image catalog decides
 * (the registry work installs its lookup with `setImageResolver`); until then
 * a built-in list of the demo images under the public project `library`.
 */
import type { Db } from '@/db/client';
export interface ImageRef {
  /** "docker.io" when the reference names no registry. */
  registry: string;
  /** "library/nginx": a bare name gets the "library/" project, as Docker Hub does. */
  repository: string;
  /** "latest" when neither tag nor digest is given. */
  tag: string;
  digest?: string;
}

/** Who pulls: the pod's namespace and the Pier project it belongs to (label pier.io/project), if any. */
export interface Puller {
  namespace?: string;
  project?: string;
}

/** true: pulled; false: not found; 'denied': the registry has it but refuses this puller. */
export type PullAnswer = boolean | 'denied';

/**
 * Whether an image can be pulled. `db` is the transaction the caller is in:
 * a resolver that reads the store must use it, because on PGlite (one
 * connection) a query outside an open transaction waits for it forever.
 */
export type ImageResolver = (ref: ImageRef, db?: Db, puller?: Puller) => PullAnswer | Promise<PullAnswer>;

export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  // The first part names a registry when it looks like a host (a dot, a port, or "localhost").
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) registry = parts.shift()!;
  let last = parts.pop() ?? '';
  let tag = 'latest';
  const colon = last.lastIndexOf(':');
  if (colon >= 0) {
    tag = last.slice(colon + 1);
    last = last.slice(0, colon);
  }
  parts.push(last);
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  const repository = parts.length === 1 && registry === 'docker.io' ? `library/${parts[0]}` : parts.join('/');
  return { registry, repository, tag, ...(digest ? { digest } : {}) };
}

/** The full reference containerd reports: "docker.io/library/nginx:alpine". */
export function fullReference(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag}`}`;
}

/** The demo images a fresh install offers, by repository, with their tags. */
export const DEMO_IMAGES: Readonly<Record<string, readonly string[]>> = {
  'library/nginx': ['alpine', '1.27', 'latest'],
  'library/redis': ['7.2', 'alpine', 'latest'],
  'library/busybox': ['1.36', 'latest'],
  'library/tomcat': ['10.1', '9.0', 'latest'],
  'library/centos': ['7', 'latest'],
};

export const demoImageResolver: ImageResolver = (ref) =>
  ref.registry === 'docker.io' && !ref.digest && (DEMO_IMAGES[ref.repository]?.includes(ref.tag) ?? false);

let resolver: ImageResolver = demoImageResolver;

/** Installs the catalog lookup; `null` goes back to the built-in demo list. */
export function setImageResolver(fn: ImageResolver | null): void {
  resolver = fn ?? demoImageResolver;
}

export async function canPull(image: string, db?: Db, puller?: Puller): Promise<PullAnswer> {
  return resolver(parseImage(image), db, puller);
}

/** A stable fake size for the Pulled event, from the reference. */
export function imageSize(image: string): number {
  let h = 7;
  for (const ch of image) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 5_000_000 + (h % 60_000_000);
}

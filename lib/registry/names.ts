/**
 * Repository and tag grammar of the OCI Distribution spec. Anything that ends
 * up in a registry path or an index annotation passes through here first.
 */
import { Invalid } from '@/lib/errors';

/** One path component: lowercase alphanumerics joined by `.`, `_`, `__` or runs of `-`. */
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** The distribution reference library's limit on a whole repository name. */
export const MAX_REPOSITORY_LENGTH = 255;

export function isRepositoryName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_REPOSITORY_LENGTH) return false;
  return name.split('/').every((c) => COMPONENT.test(c));
}

export function isTag(tag: string): boolean {
  return TAG.test(tag);
}

/** Throws `Invalid` naming `field` unless `name` is a valid repository path (may contain `/`). */
export function checkRepositoryName(name: string, field = 'image_name'): string {
  if (!isRepositoryName(name)) {
    throw new Invalid({
      [field]: `"${name}" is not a valid repository name: lowercase letters, digits and single separators (. _ __ -), components joined by /, at most ${MAX_REPOSITORY_LENGTH} characters`,
    });
  }
  return name;
}

export function checkTag(tag: string, field = 'tag_name'): string {
  if (!isTag(tag)) {
    throw new Invalid({
      [field]: `"${tag}" is not a valid tag: letters, digits, _ . -, not starting with . or -, at most 128 characters`,
    });
  }
  return tag;
}

/** A workspace is one path component: it becomes the first segment of every repository in it. */
export function checkWorkspace(workspace: string, field = 'workspace'): string {
  if (!COMPONENT.test(workspace) || workspace.length > MAX_REPOSITORY_LENGTH) {
    throw new Invalid({ [field]: `"${workspace}" is not a valid workspace name: lowercase letters, digits and single separators (. _ __ -)` });
  }
  return workspace;
}

export interface ImageReference {
  /** Registry host (with port) when the reference names one. */
  host: string | null;
  repository: string;
  tag: string | null;
  digest: string | null;
}

/**
 * Splits a reference as written in a RepoTags entry or an annotation
 * (`host:5000/a/b:tag`, `a/b@sha256:...`, `b`). The first component is a host
 * when it has a `.` or `:` or is `localhost`, as docker decides.
 */
export function parseReference(ref: string): ImageReference {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let host: string | null = null;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      host = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  return { host, repository: rest, tag, digest };
}

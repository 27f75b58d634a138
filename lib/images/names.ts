import { z } from 'zod';

/**
 * The OCI distribution grammar: a path component is lowercase alphanumerics
 * joined by `.`, `_`, `__` or runs of `-`; a name is components joined by `/`,
 * at most 255 characters with the registry host; a tag is a word character
 * then up to 127 of `[A-Za-z0-9_.-]`.
 */
export const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const MAX_NAME = 255;

/** A workspace is the first component of its repositories' names, so it is one component. */
export const workspaceName = z
  .string()
  .min(2, 'at least 2 characters')
  .max(64, 'at most 64 characters')
  .regex(PATH_COMPONENT, 'lowercase letters, digits and . _ - separators (OCI name component)');

export const repositoryName = z
  .string()
  .min(1, 'required')
  .max(MAX_NAME - 65, `at most ${MAX_NAME - 65} characters`)
  .refine((s) => s.split('/').every((c) => PATH_COMPONENT.test(c)), 'components of lowercase letters, digits and . _ - separated by / (OCI name grammar)');

export const tagName = z.string().regex(TAG, 'a letter, digit or _ then up to 127 of letters, digits, _ . - (OCI tag grammar)');

/** `workspace/repo/path` → its two parts; the workspace is the first component. */
export function splitImageName(full: string): { workspace: string; repository: string } | null {
  const i = full.indexOf('/');
  if (i <= 0 || i === full.length - 1) return null;
  return { workspace: full.slice(0, i), repository: full.slice(i + 1) };
}

import { randomUUID } from 'node:crypto';
import type { K8sBody } from '@/db/schema';
import type { ObjectMeta } from '../object-meta';

export type { ObjectMeta } from '../object-meta';

export type K8sObject = K8sBody & { apiVersion?: string; kind?: string; metadata?: ObjectMeta; spec?: unknown; status?: unknown };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function metaOf(o: K8sObject): ObjectMeta {
  return isPlainObject(o.metadata) ? (o.metadata as ObjectMeta) : {};
}

/** Kubernetes writes timestamps to the second: 2026-01-02T03:04:05Z. */
export function k8sTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newUid(): string {
  return randomUUID();
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** generateName's suffix: five characters from the apiserver's alphabet (no vowels, no look-alikes). */
export function generatedName(prefix: string): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  return `${prefix}${s}`;
}

export function ownerUids(o: K8sObject): string[] {
  const refs = metaOf(o).ownerReferences;
  return Array.isArray(refs) ? refs.map((r) => r?.uid).filter((u): u is string => typeof u === 'string') : [];
}

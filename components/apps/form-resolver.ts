/**
 * The application form's resolver: the request's zod schema, plus the
 * cross-field rules on their own. zod runs an object's refinements only once
 * every field parses, so without this a half-filled form (no name yet) would
 * not show "minCPU: at most maxCPU" while the user types the CPU range.
 * Client-safe.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { appCreate, crossFieldProblems, type AppCreate, type AppCreateInput } from '@/lib/dialects/ote/app';

type Tree = Record<string, unknown>;

/** Puts `error` at a dotted path (`port.0.port`) of react-hook-form's nested errors, unless one is there already. */
export function placeError(errors: Tree, path: string, error: { type: string; message: string }): void {
  const parts = path.split('.');
  let node: Tree = errors;
  for (const [i, p] of parts.entries()) {
    const last = i === parts.length - 1;
    const key = /^\d+$/.test(p) ? Number(p) : p;
    const holder = node as Record<string | number, unknown>;
    if (last) {
      if (holder[key] === undefined) holder[key] = error;
      return;
    }
    if (holder[key] === undefined) holder[key] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    node = holder[key] as Tree;
  }
}

/** The cross-field problems of values as the form holds them (numbers may be NaN while a box is empty). */
export function liveProblems(v: Partial<AppCreateInput>) {
  return crossFieldProblems({
    deployType: v.deployType ?? 'deployment',
    replicas: v.replicas, minReplicas: v.minReplicas, maxReplicas: v.maxReplicas, isHPA: !!v.isHPA,
    minCPU: Number(v.minCPU), maxCPU: Number(v.maxCPU), minMemory: Number(v.minMemory), maxMemory: Number(v.maxMemory),
    maxUnavailable: Number(v.maxUnavailable), maxSurge: Number(v.maxSurge),
    port: v.port ?? [], volume: (v.volume ?? []).map((x) => ({ path: x.path })), env: v.env ?? [],
  });
}

const base = zodResolver(appCreate);

export const appFormResolver: Resolver<AppCreateInput, unknown, AppCreate> = async (values, context, options) => {
  const result = await base(values, context, options);
  if (Object.keys(result.errors).length === 0) return result;
  const errors = { ...result.errors } as Tree;
  for (const p of liveProblems(values)) placeError(errors, p.path, { type: 'custom', message: p.message });
  return { values: {}, errors: errors as FieldErrors<AppCreateInput> };
};

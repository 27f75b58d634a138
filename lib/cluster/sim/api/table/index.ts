import { apiVersionOf, qualifiedResource, type KindInfo } from '../../kinds';
import type { K8sObject } from '../../objects';
import { badRequest, failureStatus, K8sError } from '../../status';
import { cols, type Column, type Printer } from './columns';
import { CORE_PRINTERS } from './core';
import { obj, str } from './format';
import { WORKLOAD_PRINTERS } from './workloads';

export type TableVersion = 'v1' | 'v1beta1';
export type IncludeObject = 'None' | 'Metadata' | 'Object';

const PRINTERS: Record<string, Printer> = { ...CORE_PRINTERS, ...WORKLOAD_PRINTERS };

/** What the apiserver's default convertor prints for kinds without their own printer. */
const DEFAULT_PRINTER: Printer = {
  columns: cols(['Name'], ['Created At', 'date']),
  cells: (o) => [str(obj(o.metadata).name), str(obj(o.metadata).creationTimestamp)],
};

export function printerFor(k: KindInfo): Printer {
  return PRINTERS[qualifiedResource(k)] ?? DEFAULT_PRINTER;
}

/**
 * Whether an Accept header asks for a Table, and which meta.k8s.io version:
 * the first media range the server can produce wins, as in the apiserver's
 * negotiation (kubectl sends Table v1, then v1beta1, then plain JSON).
 */
export function tableRequested(accept: string | null): TableVersion | null {
  if (!accept) return null;
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';').map((s) => s.trim());
    const p = Object.fromEntries(params.map((x) => x.split('=').map((s) => s.trim())));
    if (p.as === 'Table' && (p.g === 'meta.k8s.io') && (type === 'application/json' || type === '*/*')) {
      if (p.v === 'v1' || p.v === 'v1beta1') return p.v;
      continue;
    }
    if (p.as) continue;
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return null;
  }
  return null;
}

/** True when every media range asks for something this server cannot produce (406). */
export function onlyUnsupportedTables(accept: string | null): boolean {
  if (!accept) return false;
  const ranges = accept.split(',').map((r) => r.trim()).filter(Boolean);
  return ranges.length > 0 && ranges.every((r) => /;\s*as=/.test(r) && !tableRequested(r));
}

export function notAcceptable(): K8sError {
  return new K8sError(failureStatus(406, 'only the following media types are accepted: application/json, '
    + 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json;as=Table;v=v1beta1;g=meta.k8s.io', 'NotAcceptable'));
}

export function includeObjectParam(v: string | null): IncludeObject {
  if (v === null || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw badRequest(`includeObject: Unsupported value: ${JSON.stringify(v)}: supported values: "None", "Metadata", "Object"`);
}

export interface TableOptions {
  version: TableVersion;
  includeObject: IncludeObject;
  now: Date;
  /** Watch events after the first carry no column definitions, as the apiserver sends them. */
  withColumns?: boolean;
}

function rowObject(k: KindInfo, o: K8sObject, opts: TableOptions): unknown {
  if (opts.includeObject === 'None') return undefined;
  if (opts.includeObject === 'Object') return { apiVersion: apiVersionOf(k), kind: k.kind, ...o };
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${opts.version}`, metadata: o.metadata ?? {} };
}

/** A meta.k8s.io Table of objects of one kind, with that kind's printer columns. */
export function toTable(k: KindInfo, items: K8sObject[], listMeta: { resourceVersion?: string; continue?: string }, opts: TableOptions) {
  const printer = printerFor(k);
  const columns: Column[] = opts.withColumns === false ? [] : printer.columns;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata: { ...(listMeta.resourceVersion ? { resourceVersion: listMeta.resourceVersion } : {}), ...(listMeta.continue ? { continue: listMeta.continue } : {}) },
    columnDefinitions: columns,
    rows: items.map((o) => {
      const object = rowObject(k, o, opts);
      return { cells: printer.cells(o, opts.now), ...(object === undefined ? {} : { object }) };
    }),
  };
}


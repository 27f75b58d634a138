import { ApiException } from '@kubernetes/client-node';
import { Conflict, Forbidden, Invalid, NotFound, PierError, type FieldErrors } from '@/lib/errors';

/** The apiserver's `Status` answer, as far as Pier reads it. */
export interface KubeStatus {
  code: number;
  reason: string;
  message: string;
  details?: { name?: string; kind?: string; causes?: { field?: string; message?: string; reason?: string }[] };
}

/** The cluster could not be reached, or answered something Pier cannot use (5xx, garbage). */
export class ClusterUnavailable extends PierError {
  readonly status = 502;
  readonly reason = 'cluster_unavailable';
}

/**
 * The cluster refused Pier's own credential (401). Not the caller's fault, so
 * never a 401 to the caller (that would sign them out of the console).
 */
export class ClusterCredentialRefused extends PierError {
  readonly status = 502;
  readonly reason = 'cluster_credentials_refused';
}

/** 410 Gone: a watch or continue token too old for the cluster; list again. */
export class Expired extends PierError {
  readonly status = 410;
  readonly reason = 'expired';
}

const statuses = new WeakMap<PierError, KubeStatus>();

/** The cluster's Status behind a mapped error, for callers that need its reason (e.g. AlreadyExists vs Conflict). */
export function kubeStatusOf(err: unknown): KubeStatus | undefined {
  return err instanceof PierError ? statuses.get(err) : undefined;
}

function parseStatus(code: number, body: unknown): KubeStatus {
  let data = body;
  if (typeof body === 'string') {
    try {
      data = JSON.parse(body);
    } catch {
      data = undefined;
    }
  }
  const s = (data && typeof data === 'object' ? data : {}) as Partial<KubeStatus>;
  return {
    code: typeof s.code === 'number' ? s.code : code,
    reason: typeof s.reason === 'string' ? s.reason : '',
    message: typeof s.message === 'string' && s.message ? s.message : `the cluster answered HTTP ${code}`,
    details: s.details,
  };
}

function fieldsOf(s: KubeStatus): FieldErrors {
  const fields: FieldErrors = {};
  for (const c of s.details?.causes ?? []) {
    const key = c.field || 'object';
    fields[key] = fields[key] ? `${fields[key]}; ${c.message ?? c.reason ?? 'invalid'}` : c.message ?? c.reason ?? 'invalid';
  }
  return Object.keys(fields).length ? fields : { object: s.message };
}

/** A Status from the cluster as the core's typed error. */
export function errorFromStatus(s: KubeStatus): PierError {
  let err: PierError;
  switch (s.code) {
    case 404: err = new NotFound(s.details?.name ?? 'object', s.message); break;
    case 409: err = new Conflict(s.message); break;
    case 422: err = new Invalid(fieldsOf(s), s.message); break;
    case 400: err = new Invalid({ request: s.message }, s.message); break;
    case 403: err = new Forbidden(s.message); break;
    case 401: err = new ClusterCredentialRefused(`the cluster refused Pier's credentials: ${s.message}`); break;
    case 410: err = new Expired(s.message); break;
    default: err = new ClusterUnavailable(`the cluster answered ${s.code}: ${s.message}`);
  }
  statuses.set(err, s);
  return err;
}

/**
 * Any failure of a client-node call as a PierError: HTTP answers through their
 * Status, connection failures as ClusterUnavailable. PierErrors pass through.
 */
export function toPierError(err: unknown): PierError {
  if (err instanceof PierError) return err;
  if (err instanceof ApiException) return errorFromStatus(parseStatus(err.code, err.body));
  const e = err as { statusCode?: number; code?: string | number; message?: string };
  if (typeof e?.statusCode === 'number') return errorFromStatus(parseStatus(e.statusCode, undefined));
  const cause = (err as { cause?: { code?: string } })?.cause?.code ?? e?.code;
  return new ClusterUnavailable(`the cluster cannot be reached${cause ? ` (${cause})` : ''}: ${e?.message ?? String(err)}`);
}

/** Runs a client-node call and maps what it throws. */
export async function kube<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toPierError(err);
  }
}

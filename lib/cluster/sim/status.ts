import { PierError } from '@/lib/errors';
import { qualifiedKind, qualifiedResource, type KindInfo } from './kinds';

/** A failure `Status`, as the apiserver sends it (meta/v1). */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface K8sStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** HTTP status → the apiserver's StatusReason, for errors not raised as K8sError. */
export const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  504: 'Timeout',
};

export function failureStatus(code: number, message: string, reason?: string, details?: StatusDetails): K8sStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reason ?? REASON_BY_CODE[code] ?? '',
    ...(details ? { details } : {}),
    code,
  };
}

/** A core error that carries the Kubernetes Status the API answers with. */
export class K8sError extends PierError {
  readonly status: number;
  readonly reason: string;
  constructor(readonly k8s: K8sStatus) {
    super(k8s.message);
    this.status = k8s.code;
    this.reason = k8s.reason;
  }
}

type Named = Pick<KindInfo, 'group' | 'plural'>;

export const notFound = (k: Named, name: string) =>
  new K8sError(failureStatus(404, `${qualifiedResource(k)} "${name}" not found`, 'NotFound', { name, group: k.group, kind: k.plural }));

export const alreadyExists = (k: Named, name: string) =>
  new K8sError(failureStatus(409, `${qualifiedResource(k)} "${name}" already exists`, 'AlreadyExists', { name, group: k.group, kind: k.plural }));

export const conflict = (k: Named, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again') =>
  new K8sError(failureStatus(409, `Operation cannot be fulfilled on ${qualifiedResource(k)} "${name}": ${why}`, 'Conflict', {
    name, group: k.group, kind: k.plural,
  }));

export const badRequest = (message: string) => new K8sError(failureStatus(400, message, 'BadRequest'));

export const methodNotAllowed = (message: string) => new K8sError(failureStatus(405, message, 'MethodNotAllowed'));

export const forbidden = (message: string, k?: Named, name?: string) =>
  new K8sError(failureStatus(403, message, 'Forbidden', k ? { ...(name ? { name } : {}), group: k.group, kind: k.plural } : undefined));

export const gone = (message: string) => new K8sError(failureStatus(410, message, 'Expired'));

export interface FieldProblem {
  field: string;
  /** "FieldValueInvalid", "FieldValueRequired", "FieldValueNotSupported", ... */
  reason?: string;
  /** The cause's message, e.g. `Invalid value: "X": must be ...`. */
  message: string;
}

/** 422 Invalid, naming each field like the apiserver: `Kind.group "name" is invalid: field: message, ...`. */
export function invalid(k: Pick<KindInfo, 'group' | 'kind'>, name: string, problems: FieldProblem[]): K8sError {
  const causes = problems.map((p) => ({ reason: p.reason ?? 'FieldValueInvalid', message: p.message, field: p.field }));
  const list = problems.map((p) => `${p.field}: ${p.message}`);
  const joined = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return new K8sError(failureStatus(422, `${qualifiedKind(k)} "${name}" is invalid: ${joined}`, 'Invalid', {
    name, group: k.group, kind: k.kind, causes,
  }));
}

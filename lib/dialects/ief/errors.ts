import type { Dialect } from '../../http/dialect';
import type { PierError } from '../../errors';

/**
 * IEF error codes. The seed shows IEF.100001 (project not found, 400) and
 * IEF.100158; the rest of its code table is not in the document, so Pier
 * numbers its own from 100002 by reason (docs/api/ief.md lists them).
 */
export const IEF_CODES: Record<string, string> = {
  project_not_found: 'IEF.100001',
  invalid: 'IEF.100002',
  unauthorized: 'IEF.100003',
  forbidden: 'IEF.100004',
  not_found: 'IEF.100005',
  conflict: 'IEF.100006',
  too_many_requests: 'IEF.100007',
  payload_too_large: 'IEF.100008',
  unsupported_media_type: 'IEF.100009',
  method_not_allowed: 'IEF.100010',
  internal: 'IEF.100011',
};

export const ief: Dialect = {
  name: 'ief',
  toWire: (err: PierError) => ({
    status: err.status,
    body: { error_code: IEF_CODES[err.reason] ?? IEF_CODES.internal, error_msg: err.message },
  }),
  internal: () => ({ status: 500, body: { error_code: IEF_CODES.internal, error_msg: 'internal server error' } }),
};

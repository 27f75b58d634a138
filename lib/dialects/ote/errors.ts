import type { Dialect } from '../../http/dialect';

/** ote-stack: `{ code: <http status>, message, data }`, the same envelope as success. */
export const ote: Dialect = {
  name: 'ote',
  toWire: (err) => ({ status: err.status, body: { code: err.status, message: err.message, data: null } }),
  internal: () => ({ status: 500, body: { code: 500, message: 'Unexpected internal errors.', data: null } }),
};

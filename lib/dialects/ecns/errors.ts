import type { Dialect } from '../../http/dialect';
import { STATUS_TEXT } from '../../http/status-text';

/** ECNS (and Keystone, which ECNS fronts): `{ error: { code, title, message } }`. */
function errorBody(status: number, message: string) {
  return { error: { code: status, title: STATUS_TEXT[status] ?? 'Error', message } };
}

export const ecns: Dialect = {
  name: 'ecns',
  toWire: (err) => ({ status: err.status, body: errorBody(err.status, err.message) }),
  internal: () => ({ status: 500, body: errorBody(500, 'internal server error') }),
};

export const keystone: Dialect = { ...ecns, name: 'keystone' };

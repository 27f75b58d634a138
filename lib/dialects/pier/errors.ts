import type { Dialect } from '../../http/dialect';
import { Invalid } from '../../errors';

/** The console's own API: `{ error: { code, reason, message, fields? } }`; fields feed react-hook-form's setError. */
export const pier: Dialect = {
  name: 'console',
  toWire: (err) => ({
    status: err.status,
    body: {
      error: {
        code: err.status,
        reason: err.reason,
        message: err.message,
        ...(err instanceof Invalid ? { fields: err.fields } : {}),
      },
    },
  }),
  internal: () => ({ status: 500, body: { error: { code: 500, reason: 'internal', message: 'internal server error' } } }),
};

import type { Dialect } from '../../http/dialect';
import type { PierError } from '../../errors';

/**
 * NetEase: `{ code, msg }`. The seed points at an error-code table it does
 * not include; Pier's codes are the HTTP status times 10000 plus one (docs/api/netease.md lists them), e.g. 4010001 for a missing token.
 */
export function neteaseCode(err: PierError): number {
  return err.status * 10000 + 1;
}

export const netease: Dialect = {
  name: 'netease',
  toWire: (err) => ({ status: err.status, body: { code: neteaseCode(err), msg: err.message } }),
  internal: () => ({ status: 500, body: { code: 5000001, msg: 'internal server error' } }),
};

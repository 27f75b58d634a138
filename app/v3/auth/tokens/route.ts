import { issueKeystoneToken } from '@/lib/auth/keystone';
import { tokenRequest } from '@/lib/dialects/keystone/token-request';
import { keystone } from '@/lib/dialects/ecns/errors';
import { jsonBody } from '@/lib/http/body';
import { clientAddress } from '@/lib/http/credentials';
import { json, publicRoute } from '@/lib/http/route';

export const POST = publicRoute(keystone, async ({ req, db, clock }) => {
  const body = await jsonBody(req, tokenRequest);
  const token = await issueKeystoneToken(db, clock, body, clientAddress(req.headers));
  return json(token.body, 201, { 'x-subject-token': token.secret });
});

import { signIn } from '@/lib/dialects/pier/account';
import { pier } from '@/lib/dialects/pier/errors';
import { closeSession, openSession } from '@/lib/auth/sessions';
import { jsonBody } from '@/lib/http/body';
import { clearedSessionCookie, sessionCookie } from '@/lib/http/cookies';
import { clientAddress, presentedSecret } from '@/lib/http/credentials';
import { json, publicRoute } from '@/lib/http/route';

/** Sign in: sets the session cookie. */
export const POST = publicRoute(pier, async ({ req, db, clock }) => {
  const input = await jsonBody(req, signIn);
  const session = await openSession(db, clock, { ...input, address: clientAddress(req.headers) });
  return json({ expiresAt: session.expiresAt }, 201, { 'set-cookie': sessionCookie(session.secret, session.expiresAt) });
});

/** Sign out: revokes the session and clears the cookie. */
export const DELETE = publicRoute(pier, async ({ req, db, clock }) => {
  const secret = presentedSecret(req.headers);
  if (secret) await closeSession(db, clock, secret);
  return new Response(null, { status: 204, headers: { 'set-cookie': clearedSessionCookie() } });
});

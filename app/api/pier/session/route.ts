import { cookies } from 'next/headers';
import { signIn } from '@/lib/dialects/pier/account';
import { pier } from '@/lib/dialects/pier/errors';
import { closeSession, openSession, SESSION_COOKIE } from '@/lib/auth/sessions';
import { jsonBody } from '@/lib/http/body';
import { clientAddress, presentedSecret } from '@/lib/http/credentials';
import { json, publicRoute } from '@/lib/http/route';

/** Sign in: sets the httpOnly, SameSite=Lax session cookie. */
export const POST = publicRoute(pier, async ({ req, db, clock }) => {
  const input = await jsonBody(req, signIn);
  const session = await openSession(db, clock, { ...input, address: clientAddress(req.headers) });
  (await cookies()).set(SESSION_COOKIE, session.secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.PIER_SECURE_COOKIES === 'true',
    path: '/',
    expires: session.expiresAt,
  });
  return json({ expiresAt: session.expiresAt }, 201);
});

/** Sign out: revokes the session and clears the cookie. */
export const DELETE = publicRoute(pier, async ({ req, db, clock }) => {
  const secret = presentedSecret(req.headers);
  if (secret) await closeSession(db, clock, secret);
  (await cookies()).delete(SESSION_COOKIE);
  return new Response(null, { status: 204 });
});

import { SESSION_COOKIE } from '../auth/sessions';

/** The session cookie: httpOnly, SameSite=Lax, Secure when PIER_SECURE_COOKIES=true. */
export function sessionCookie(secret: string, expires: Date): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(secret)}`,
    'Path=/',
    `Expires=${expires.toUTCString()}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (process.env.PIER_SECURE_COOKIES === 'true') parts.push('Secure');
  return parts.join('; ');
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`;
}

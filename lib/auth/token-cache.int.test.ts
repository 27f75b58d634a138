import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tokens, users } from '@/db/schema';
import { fixedClock } from '@/lib/testing/clock';
import { setupWorld, tokenFor } from '@/lib/testing/world';
import { hashSecret } from './secrets';
import { inspectToken, inspectTokenCached, revokeSecret, TOKEN_CACHE_MS } from './tokens';

/**
 * The simulated clusters' API remembers a verified token for TOKEN_CACHE_MS
 * (lib/auth/tokens.ts): what it may and may not answer from memory. The
 * clock is moved by hand; nothing here waits.
 */
const w = setupWorld();

const revokeInStore = (secret: string, at: Date) =>
  w.db.update(tokens).set({ revokedAt: at }).where(eq(tokens.secretHash, hashSecret(secret)));

describe('inspectTokenCached', () => {
  it('is on by default, for a few seconds', () => {
    expect(TOKEN_CACHE_MS).toBe(5000);
  });

  it('answers a remembered token from memory until TOKEN_CACHE_MS have passed, then sees its revocation', async () => {
    const clock = fixedClock();
    const secret = await tokenFor(w, 'ops', { now: clock.now() });
    expect((await inspectTokenCached(w.db, secret, clock.now())).caller?.name).toBe('ops');
    // Revoked behind the cache's back (another Pier instance, or the console's token page).
    await revokeInStore(secret, clock.now());
    expect((await inspectToken(w.db, secret, clock.now())).problem).toBe('revoked');
    clock.advance(TOKEN_CACHE_MS - 1);
    expect((await inspectTokenCached(w.db, secret, clock.now())).caller?.name).toBe('ops');
    clock.advance(1);
    expect(await inspectTokenCached(w.db, secret, clock.now())).toEqual({ problem: 'revoked' });
  });

  it('forgets a token revoked through revokeSecret at once', async () => {
    const clock = fixedClock();
    const secret = await tokenFor(w, 'dev', { now: clock.now() });
    expect((await inspectTokenCached(w.db, secret, clock.now())).caller?.name).toBe('dev');
    await revokeSecret(w.db, secret, clock.now());
    expect(await inspectTokenCached(w.db, secret, clock.now())).toEqual({ problem: 'revoked' });
  });

  it('never answers past the token\'s own expiry', async () => {
    const clock = fixedClock();
    const secret = await tokenFor(w, 'guest', { now: clock.now(), ttlMs: 1000 });
    expect((await inspectTokenCached(w.db, secret, clock.now())).caller?.name).toBe('guest');
    clock.advance(1000);
    expect(await inspectTokenCached(w.db, secret, clock.now())).toEqual({ problem: 'expired' });
  });

  it('does not remember refusals: a user enabled again is let in at once', async () => {
    const clock = fixedClock();
    const secret = await tokenFor(w, 'odev', { now: clock.now() });
    await w.db.update(users).set({ disabled: true }).where(eq(users.id, w.users.odev.id));
    expect(await inspectTokenCached(w.db, secret, clock.now())).toEqual({ problem: 'disabled' });
    await w.db.update(users).set({ disabled: false }).where(eq(users.id, w.users.odev.id));
    expect((await inspectTokenCached(w.db, secret, clock.now())).caller?.name).toBe('odev');
  });

  it('refuses what inspectToken refuses: no secret, an unknown one, one too long', async () => {
    const now = new Date();
    expect(await inspectTokenCached(w.db, '', now)).toEqual({ problem: 'unknown' });
    expect(await inspectTokenCached(w.db, 'not-a-token', now)).toEqual({ problem: 'unknown' });
    expect(await inspectTokenCached(w.db, 'x'.repeat(201), now)).toEqual({ problem: 'unknown' });
  });
});

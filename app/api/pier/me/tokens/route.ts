import { createPersonalToken, listPersonalTokens } from '@/lib/auth/account';
import { tokenCreate } from '@/lib/dialects/pier/account';
import { pier } from '@/lib/dialects/pier/errors';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route(pier, async ({ ctx }) => json({ items: await listPersonalTokens(ctx) }));

/** The secret is in this answer only; the store keeps its hash. */
export const POST = route(pier, async ({ req, ctx }) => json(await createPersonalToken(ctx, await jsonBody(req, tokenCreate)), 201));

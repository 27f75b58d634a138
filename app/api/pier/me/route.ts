import { getMe, setPrefs } from '@/lib/auth/account';
import { prefs } from '@/lib/dialects/pier/account';
import { pier } from '@/lib/dialects/pier/errors';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route(pier, async ({ ctx }) => json(await getMe(ctx)));

export const PATCH = route(pier, async ({ req, ctx }) => json(await setPrefs(ctx, await jsonBody(req, prefs))));

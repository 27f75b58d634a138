import { listQuery, userCreate } from '@/lib/dialects/pier/org';
import { pier } from '@/lib/dialects/pier/errors';
import { createUser, listUsers } from '@/lib/org/users';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route(pier, async ({ req, ctx }) => json(await listUsers(ctx, parseWith(listQuery, queryObject(req)))));

export const POST = route(pier, async ({ req, ctx }) => json(await createUser(ctx, await jsonBody(req, userCreate)), 201));

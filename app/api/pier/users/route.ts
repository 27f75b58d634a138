import { userCreate } from '@/lib/dialects/pier/org';
import { pier } from '@/lib/dialects/pier/errors';
import { createUser, listUsers } from '@/lib/org/users';
import { jsonBody, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route(pier, async ({ req, ctx }) =>
  json({ items: await listUsers(ctx, { departmentId: queryObject(req).departmentId || undefined }) }),
);

export const POST = route(pier, async ({ req, ctx }) => json(await createUser(ctx, await jsonBody(req, userCreate)), 201));

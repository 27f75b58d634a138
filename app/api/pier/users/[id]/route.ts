import { userUpdate } from '@/lib/dialects/pier/org';
import { pier } from '@/lib/dialects/pier/errors';
import { deleteUser, getUser, updateUser } from '@/lib/org/users';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(pier, async ({ ctx, params }) => json(await getUser(ctx, params.id)));

export const PATCH = route<P>(pier, async ({ req, ctx, params }) => json(await updateUser(ctx, params.id, await jsonBody(req, userUpdate))));

export const DELETE = route<P>(pier, async ({ ctx, params }) => {
  await deleteUser(ctx, params.id);
  return new Response(null, { status: 204 });
});

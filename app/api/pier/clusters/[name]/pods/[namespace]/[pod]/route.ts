import { pier } from '@/lib/dialects/pier/errors';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { deleteConsolePod } from '@/lib/pods-console/delete';
import { podDetail } from '@/lib/pods-console/detail';
import { podDeleteQuery } from '@/lib/pods-console/schema';

export const dynamic = 'force-dynamic';

type Params = { name: string; namespace: string; pod: string };

export const GET = route<Params>(pier, async ({ ctx, params }) => json(await podDetail(ctx, params.name, params.namespace, params.pod)));

export const DELETE = route<Params>(pier, async ({ req, ctx, params }) => {
  const { force } = parseWith(podDeleteQuery, queryObject(req));
  await deleteConsolePod(ctx, params.name, params.namespace, params.pod, force === 'true');
  return new Response(null, { status: 204 });
});

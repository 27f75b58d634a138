import { clusterUpdate } from '@/lib/dialects/pier/clusters';
import { pier } from '@/lib/dialects/pier/errors';
import { removeCluster, updateCluster } from '@/lib/cluster/registry/edit';
import { getCluster } from '@/lib/cluster/registry/scope';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { name: string };

export const GET = route<P>(pier, async ({ ctx, params }) => json(await getCluster(ctx, params.name)));

export const PATCH = route<P>(pier, async ({ req, ctx, params }) => json(await updateCluster(ctx, params.name, await jsonBody(req, clusterUpdate))));

export const DELETE = route<P>(pier, async ({ ctx, params }) => {
  await removeCluster(ctx, params.name);
  return new Response(null, { status: 204 });
});

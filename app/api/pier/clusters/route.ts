import { clusterRegister } from '@/lib/dialects/pier/clusters';
import { pier } from '@/lib/dialects/pier/errors';
import { registerCluster } from '@/lib/cluster/registry/register';
import { listClusters } from '@/lib/cluster/registry/scope';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route(pier, async ({ ctx }) => json({ items: await listClusters(ctx) }));

export const POST = route(pier, async ({ req, ctx }) => json(await registerCluster(ctx, await jsonBody(req, clusterRegister)), 201));

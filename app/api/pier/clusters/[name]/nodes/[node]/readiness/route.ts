import { nodeReadiness } from '@/lib/dialects/pier/clusters';
import { pier } from '@/lib/dialects/pier/errors';
import { markNodeReady } from '@/lib/cluster/nodes';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

/** Simulated clusters only: set the node's Ready condition ({ "ready": false } is "mark NotReady"). */
export const POST = route<{ name: string; node: string }>(pier, async ({ req, ctx, params }) =>
  json(await markNodeReady(ctx, params.name, params.node, (await jsonBody(req, nodeReadiness)).ready)),
);

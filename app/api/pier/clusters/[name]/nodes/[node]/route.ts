import { pier } from '@/lib/dialects/pier/errors';
import { getNode } from '@/lib/cluster/nodes';
import { json, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string; node: string }>(pier, async ({ ctx, params }) => json(await getNode(ctx, params.name, params.node)));

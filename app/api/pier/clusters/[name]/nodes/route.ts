import { pier } from '@/lib/dialects/pier/errors';
import { listNodes } from '@/lib/cluster/nodes';
import { json, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(pier, async ({ ctx, params }) => json(await listNodes(ctx, params.name)));

import { pier } from '@/lib/dialects/pier/errors';
import { testConnection } from '@/lib/cluster/registry/connection';
import { json, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Tests the connection: version and node count, or why it failed (200 either way). */
export const GET = route<{ name: string }>(pier, async ({ ctx, params }) => json(await testConnection(ctx, params.name)));

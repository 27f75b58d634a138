import { pier } from '@/lib/dialects/pier/errors';
import { idParams } from '@/lib/deploy/console-wire';
import { livePods } from '@/lib/deploy/live';
import { parseWith } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route<{ id: string }>(pier, async ({ ctx, params }) => json({ clusters: await livePods(ctx, parseWith(idParams, params).id) }));

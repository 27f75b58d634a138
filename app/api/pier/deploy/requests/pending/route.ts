import { pier } from '@/lib/dialects/pier/errors';
import { pendingCount } from '@/lib/deploy/queue';
import { json, route } from '@/lib/http/route';

/** For the navigation's badge: how many requests wait for the caller's decision (0 for non-administrators). */
export const GET = route(pier, async ({ ctx }) => json({ count: await pendingCount(ctx) }));

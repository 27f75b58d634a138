import { pier } from '@/lib/dialects/pier/errors';
import { json, route } from '@/lib/http/route';
import { podScopeChoices } from '@/lib/pods-console/scope';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(pier, async ({ ctx, params }) => json(await podScopeChoices(ctx, params.name)));

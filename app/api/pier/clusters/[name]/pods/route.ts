import { pier } from '@/lib/dialects/pier/errors';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { listConsolePods } from '@/lib/pods-console/list';
import { podListQuery } from '@/lib/pods-console/schema';

export const dynamic = 'force-dynamic';

export const GET = route<{ name: string }>(pier, async ({ req, ctx, params }) =>
  json(await listConsolePods(ctx, params.name, parseWith(podListQuery, queryObject(req)))));

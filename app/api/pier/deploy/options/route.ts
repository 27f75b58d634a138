import { z } from 'zod';
import { pier } from '@/lib/dialects/pier/errors';
import { deployOptions } from '@/lib/deploy/page';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

const query = z.strictObject({ project: z.string().max(63, 'at most 63 characters').optional() });

/** For the request form: the project's deployable versions and its clusters. */
export const GET = route(pier, async ({ req, ctx }) => json(await deployOptions(ctx, parseWith(query, queryObject(req)).project || undefined)));

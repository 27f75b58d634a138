import { z } from 'zod';
import { ote } from '@/lib/dialects/ote/errors';
import { oteBody } from '@/lib/dialects/ote/images';
import { requestDiff } from '@/lib/deploy/request-diff';
import { parseWith } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

const params = z.object({ id: z.coerce.number('a whole number').int('a whole number').min(1, 'at least 1').max(2147483647, 'out of range') });

/** Pier: `GET /v1/admin/deploy/{id}/diff`, what approving request `id` would change on each target cluster. */
export const GET = route<{ id: string }>(ote, async ({ ctx, params: p }) => {
  const { id } = parseWith(params, p);
  return json(oteBody(await requestDiff(ctx, id)));
});

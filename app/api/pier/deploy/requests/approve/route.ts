import { pier } from '@/lib/dialects/pier/errors';
import { bulkApprove } from '@/lib/deploy/console-wire';
import { approveMany } from '@/lib/deploy/queue';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

/** Bulk approve: each request decided on its own; the answer lists which were approved and why others were not. */
export const POST = route(pier, async ({ req, ctx }) => {
  const { ids, comment } = await jsonBody(req, bulkApprove);
  return json({ results: await approveMany(ctx, ids, comment) });
});

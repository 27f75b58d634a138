import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES, gcSchedule } from '@/lib/dialects/ecns/images';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { gcStatus, startGc } from '@/lib/images/gc';
import type { JobView } from '@/lib/images/jobs';

type P = { productType: string };

/** `job_status` as the seed has it ("pending" while running, else "finished"), and Pier's details beside it. */
function statusBody(j: JobView | null) {
  if (!j) return { job_status: 'finished', state: 'none' };
  return {
    job_status: j.state === 'pending' ? 'pending' : 'finished',
    state: j.state,
    phase: j.phase,
    done: j.doneBytes,
    total: j.totalBytes,
    started_at: j.startedAt.toISOString(),
    finished_at: j.finishedAt?.toISOString() ?? null,
    removed_blobs: (j.result?.removedBlobs as number | undefined) ?? 0,
    freed_bytes: (j.result?.freedBytes as number | undefined) ?? 0,
    message: j.message,
  };
}

export const GET = route<P>(ecns, async ({ ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  return json(statusBody(await gcStatus(ctx)));
});

/** `Manual` starts a collection now; `None` clears the schedule (Pier runs GC only on demand, so there is none to clear). */
export const POST = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const { type } = await jsonBody(req, gcSchedule);
  if (type === 'Manual') return json(statusBody(await startGc(ctx)), 202);
  return json(statusBody(await gcStatus(ctx)));
});

import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES } from '@/lib/dialects/ecns/images';
import { json, route } from '@/lib/http/route';
import { getJob } from '@/lib/images/jobs';

/** Pier's addition: progress of an upload the caller started with `upload_id`, for the console's progress bar. */
export const GET = route<{ productType: string; id: string }>(ecns, async ({ ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const j = await getJob(ctx, params.id);
  return json({ state: j.state, phase: j.phase, done_bytes: j.doneBytes, total_bytes: j.totalBytes, message: j.message, result: j.result });
});

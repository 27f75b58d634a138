import { createChartVersion } from '@/lib/catalog/chart';
import { readChartUpload } from '@/lib/dialects/ote/app-chart';
import { appItemOf } from '@/lib/dialects/ote/app-view';
import { ote } from '@/lib/dialects/ote/errors';
import { oteBody } from '@/lib/dialects/ote/images';
import { json, route } from '@/lib/http/route';

/** `POST /v1/app/chart` (multipart: appName, version, chart): a chart version, shown with its metadata, values and templates. */
export const POST = route(ote, async ({ req, ctx }) => {
  const upload = await readChartUpload(req);
  const v = await createChartVersion(ctx, upload);
  return json(oteBody(appItemOf(v, { detail: true })));
});

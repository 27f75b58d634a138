import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES } from '@/lib/dialects/ecns/images';
import { json, route } from '@/lib/http/route';
import { uploadFromMultipart } from '@/lib/images/multipart';

/** Streams for as long as the archive takes; the default serverless limits do not apply to Pier's own server. */
export const maxDuration = 3600;

export const POST = route<{ productType: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const images = await uploadFromMultipart(ctx, req);
  return json(
    {
      images: images.map((i) => ({ harbor_project_name: i.workspace, image_name: i.repository, tag_name: i.tag, digest: i.digest, size: i.sizeBytes })),
    },
    201,
  );
});

import { checkProductType } from '../dialects/ecns/product-type';
import { ecns } from '../dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES } from '../dialects/ecns/images';
import { json, route } from '../http/route';
import { uploadFromMultipart } from './multipart';

/**
 * Requests whose body is the Node request itself (upload-node-entry.ts):
 * the archive is read off the socket, without Next.js turning it into a web
 * stream and the handler turning it back.
 */
const nodeBodies = new WeakMap<Request, AsyncIterable<Uint8Array>>();

export function withNodeBody(req: Request, body: AsyncIterable<Uint8Array>): Request {
  nodeBodies.set(req, body);
  return req;
}

/** ECNS 页面上传镜像 (`POST /api/ecns/{product_type}/images/upload_image/`): 201 with the images stored. */
export const uploadImageRoute = route<{ productType: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const images = await uploadFromMultipart(ctx, req, nodeBodies.get(req));
  return json(
    {
      images: images.map((i) => ({ harbor_project_name: i.workspace, image_name: i.repository, tag_name: i.tag, digest: i.digest, size: i.sizeBytes })),
    },
    201,
  );
});

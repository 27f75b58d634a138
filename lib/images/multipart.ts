import type { Ctx } from '../context';
import { Invalid, UnsupportedMediaType } from '../errors';
import { FormDataReader, boundaryOf, webChunks } from '../registry/form-data';
import { uploadImage, type UploadedImage } from './upload';

const UPLOAD_ID = /^[A-Za-z0-9-]{8,64}$/;
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 4096;

/**
 * ECNS 页面上传镜像: multipart/form-data with the fields `harbor_project_name`,
 * `image_name`, `tag_name` (and Pier's `upload_id`) and the file `image`. The
 * file streams straight into the import, so the fields must come before it
 * (browsers and `curl -F` send parts in the order given). `body` is the
 * request's body: a web stream (a route handler's Request), or the Node
 * request itself where a server hands it over directly.
 */
export async function uploadFromMultipart(ctx: Ctx, req: Request, body?: AsyncIterable<Uint8Array>): Promise<UploadedImage[]> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new UnsupportedMediaType('The Media Type of the request is not supported, it has to be "multipart/form-data"');
  }
  const source = body ?? (req.body ? webChunks(req.body) : null);
  if (!source) throw new Invalid({ image: 'required' });
  const boundary = boundaryOf(type);
  if (!boundary) throw new Invalid({ body: 'malformed multipart/form-data' });
  const form = new FormDataReader(source, boundary);
  const fields: Record<string, string> = {};
  let fieldCount = 0;
  let images: UploadedImage[] | null = null;
  try {
    for (let part = await form.next(); part; part = await form.next()) {
      if (part.filename === null) {
        const value = await form.text(MAX_FIELD_BYTES, part.name);
        if (++fieldCount <= MAX_FIELDS && !(part.name in fields)) fields[part.name] = value;
        continue;
      }
      // One file: the archive. Any other file part (or a second one) is skipped by the next `next()`.
      if (part.name !== 'image' || images) continue;
      if (!fields.harbor_project_name) throw new Invalid({ harbor_project_name: 'required, and sent before the file "image"' });
      if (fields.upload_id !== undefined && !UPLOAD_ID.test(fields.upload_id)) throw new Invalid({ upload_id: '8 to 64 letters, digits or -' });
      images = await uploadImage(
        ctx,
        { workspace: fields.harbor_project_name, imageName: fields.image_name || undefined, tagName: fields.tag_name || undefined, uploadId: fields.upload_id || undefined },
        form.body(),
      );
      // The archive is stored: whatever follows it is not looked at.
      break;
    }
  } finally {
    // A refused upload stops reading; the rest is read so that the request completes.
    await form.drain().catch(() => undefined);
  }
  if (!images) throw new Invalid({ image: 'required: the archive as the file field "image"' });
  return images;
}

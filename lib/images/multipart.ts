import Busboy from 'busboy';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import type { Ctx } from '../context';
import { Invalid, UnsupportedMediaType } from '../errors';
import { uploadImage, type UploadedImage } from './upload';

const UPLOAD_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * ECNS 页面上传镜像: multipart/form-data with the fields `harbor_project_name`,
 * `image_name`, `tag_name` (and Pier's `upload_id`) and the file `image`. The
 * file streams straight to disk, so the fields must come before it (browsers
 * and `curl -F` send parts in the order given).
 */
export async function uploadFromMultipart(ctx: Ctx, req: Request): Promise<UploadedImage[]> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new UnsupportedMediaType('The Media Type of the request is not supported, it has to be "multipart/form-data"');
  }
  if (!req.body) throw new Invalid({ image: 'required' });
  let bb: Busboy.Busboy;
  try {
    bb = Busboy({ headers: { 'content-type': type }, limits: { files: 1, fields: 10, fieldSize: 4096 } });
  } catch {
    throw new Invalid({ body: 'malformed multipart/form-data' });
  }
  const fields: Record<string, string> = {};
  return new Promise<UploadedImage[]>((resolve, reject) => {
    let upload: Promise<UploadedImage[]> | null = null;
    let early: unknown = null;
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (name, stream) => {
      if (name !== 'image' || upload || early) {
        stream.resume();
        return;
      }
      try {
        if (!fields.harbor_project_name) throw new Invalid({ harbor_project_name: 'required, and sent before the file "image"' });
        if (fields.upload_id !== undefined && !UPLOAD_ID.test(fields.upload_id)) throw new Invalid({ upload_id: '8 to 64 letters, digits or -' });
        upload = uploadImage(
          ctx,
          {
            workspace: fields.harbor_project_name,
            imageName: fields.image_name || undefined,
            tagName: fields.tag_name || undefined,
            uploadId: fields.upload_id || undefined,
          },
          // Not destroyed when the import stops early: the rest is drained below.
          stream.iterator({ destroyOnReturn: false }),
        );
        // A refused upload stops reading; drain the rest so the request completes.
        upload.catch(() => stream.resume());
      } catch (err) {
        early = err;
        stream.resume();
      }
    });
    bb.on('error', () => reject(new Invalid({ body: 'malformed multipart/form-data' })));
    bb.on('close', () => {
      if (early) return reject(early);
      if (!upload) return reject(new Invalid({ image: 'required: the archive as the file field "image"' }));
      upload.then(resolve, reject);
    });
    Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>).on('error', () => bb.destroy()).pipe(bb);
  });
}

import Busboy from 'busboy';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { z } from 'zod';
import { CHART_LIMITS } from '../../catalog/chart-archive';
import { Invalid, UnsupportedMediaType } from '../../errors';
import { parseWith } from '../../http/body';
import { appVersion, dnsLabel } from './app';

export const chartFields = z.strictObject({ appName: dnsLabel, version: appVersion, projectName: dnsLabel.optional() });

/**
 * `POST /v1/app/chart` as multipart/form-data: fields appName, version (and
 * Pier's projectName), file chart. The file is read into memory up to the
 * chart size limit; anything larger is refused before it is read whole.
 */
export async function readChartUpload(req: Request): Promise<z.infer<typeof chartFields> & { archive: Buffer }> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new UnsupportedMediaType('The Media Type of the request is not supported, it has to be "multipart/form-data"');
  }
  if (!req.body) throw new Invalid({ chart: 'required' });
  let bb: Busboy.Busboy;
  try {
    bb = Busboy({ headers: { 'content-type': type }, limits: { files: 1, fields: 10, fieldSize: 1024, fileSize: CHART_LIMITS.archiveBytes } });
  } catch {
    throw new Invalid({ body: 'malformed multipart/form-data' });
  }
  const fields: Record<string, string> = {};
  const { archive, tooLarge } = await new Promise<{ archive: Buffer | null; tooLarge: boolean }>((resolve, reject) => {
    let archive: Buffer | null = null;
    let tooLarge = false;
    let reading: Promise<void> | null = null;
    bb.on('field', (name, value) => { fields[name] = value; });
    bb.on('file', (name, stream) => {
      if (name !== 'chart' || reading) { stream.resume(); return; }
      const chunks: Buffer[] = [];
      reading = new Promise((done) => {
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('limit', () => { tooLarge = true; });
        stream.on('end', () => { archive = Buffer.concat(chunks); done(); });
      });
    });
    bb.on('error', () => reject(new Invalid({ body: 'malformed multipart/form-data' })));
    bb.on('close', () => { void (reading ?? Promise.resolve()).then(() => resolve({ archive, tooLarge })); });
    Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>).on('error', () => bb.destroy()).pipe(bb);
  });
  const parsed = parseWith(chartFields, fields);
  if (tooLarge) throw new Invalid({ chart: `larger than ${CHART_LIMITS.archiveBytes} bytes` });
  if (!archive) throw new Invalid({ chart: 'required: the chart package as the file field "chart"' });
  return { ...parsed, archive };
}

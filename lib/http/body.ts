import type { z } from 'zod';
import { Invalid, PayloadTooLarge, UnsupportedMediaType } from '../errors';
import { zodFields } from './zod-fields';

/** Request bodies over this size are refused before they are read whole. */
export const MAX_JSON_BYTES = Number(process.env.PIER_MAX_JSON_BYTES || 1024 * 1024);

/** Reads at most `limit` bytes of the body, refusing anything larger. */
export async function readLimited(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limit) throw new PayloadTooLarge(`request body larger than ${limit} bytes`);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLarge(`request body larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export { zodFields };

/** Parses with a zod schema, turning failure into Invalid with each field named. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new Invalid(zodFields(r.error));
  return r.data;
}

/** A JSON body: content type checked, size bounded, syntax and schema validated. */
export async function jsonBody<S extends z.ZodType>(req: Request, schema: S, limit = MAX_JSON_BYTES): Promise<z.infer<S>> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new UnsupportedMediaType();
  const text = await readLimited(req, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Invalid({ body: 'malformed JSON' });
  }
  return parseWith(schema, value);
}

/** Query parameters as a plain object (first value wins), for zod. */
export function queryObject(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) if (!(k in out)) out[k] = v;
  return out;
}

import type { z } from 'zod';
import { jsonBody, parseWith } from '../../http/body';

/**
 * The seed's DELETE endpoints list their parameters without saying where they
 * go. A JSON body is read when one is sent; otherwise the query string, where
 * a list is the repeated parameter (`?tag=a&tag=b`).
 */
export async function bodyOrQuery<S extends z.ZodType>(req: Request, schema: S, listKeys: string[]): Promise<z.infer<S>> {
  const hasBody = req.headers.get('content-type') !== null || Number(req.headers.get('content-length') ?? 0) > 0;
  if (hasBody) return jsonBody(req, schema);
  const params = new URL(req.url).searchParams;
  const value: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) value[key] = listKeys.includes(key) ? params.getAll(key) : params.get(key);
  return parseWith(schema, value);
}

// The folder is `%5Fraw`: Next.js treats a folder starting with "_" as private (not routed); %5F routes as "_raw".
import { applyYaml } from '@/lib/workloads/yaml-write';
import { rawYaml } from '@/lib/workloads/yaml-read';
import { rawJsonBody, rawParams, rawQuery, YAML_PRODUCT_TYPES } from '@/lib/dialects/ecns/yaml';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { MAX_JSON_BYTES, parseWith, queryObject, readLimited } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { Invalid, UnsupportedMediaType } from '@/lib/errors';

type P = { productType: string; kind: string; name: string };

const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain']);

/** The seed leaves the request body open: YAML as the body (a YAML or text content type), or JSON `{"yaml": "..."}`. */
async function yamlText(req: Request): Promise<string> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const text = await readLimited(req, MAX_JSON_BYTES);
  if (YAML_TYPES.has(type)) return text;
  if (type !== 'application/json') throw new UnsupportedMediaType('The Media Type of the request is not supported, it has to be "application/yaml" or "application/json"');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Invalid({ body: 'malformed JSON' });
  }
  return parseWith(rawJsonBody, value).yaml;
}

export const GET = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, YAML_PRODUCT_TYPES);
  const p = parseWith(rawParams, { kind: params.kind, name: params.name });
  const q = parseWith(rawQuery, queryObject(req));
  return new Response(await rawYaml(ctx, p.kind, p.name, q.cluster_addr), { headers: { 'content-type': 'application/yaml; charset=utf-8' } });
});

export const PUT = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, YAML_PRODUCT_TYPES);
  const p = parseWith(rawParams, { kind: params.kind, name: params.name });
  const q = parseWith(rawQuery, queryObject(req));
  return json(await applyYaml(ctx, 'replace', p.kind, p.name, await yamlText(req), q.cluster_addr));
});

export const POST = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, YAML_PRODUCT_TYPES);
  const p = parseWith(rawParams, { kind: params.kind, name: params.name });
  const q = parseWith(rawQuery, queryObject(req));
  return json(await applyYaml(ctx, 'create', p.kind, p.name, await yamlText(req), q.cluster_addr));
});

import { revisionYaml } from '@/lib/workloads/revisions';
import { WORKLOAD_PRODUCT_TYPES } from '@/lib/dialects/ecns/workloads';
import { nameParam, oneQuery, revisionParam } from '@/lib/dialects/ecns/workloads-requests';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { parseWith, queryObject } from '@/lib/http/body';
import { route } from '@/lib/http/route';

/** The revision's object as YAML (the seed: "返回值为负载历史yaml"). */
export const GET = route<{ productType: string; name: string; version: string }>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  const name = parseWith(nameParam, { name: params.name }).name;
  const version = parseWith(revisionParam, params.version);
  const q = parseWith(oneQuery, queryObject(req));
  return new Response(await revisionYaml(ctx, q.workload_type, name, version), { headers: { 'content-type': 'application/yaml; charset=utf-8' } });
});

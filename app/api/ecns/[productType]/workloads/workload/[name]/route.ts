import { workloadDetail } from '@/lib/workloads/detail';
import { workloadLifecycle } from '@/lib/workloads/lifecycle';
import { patchWorkload, type PatchAction } from '@/lib/workloads/patch';
import { WORKLOAD_PRODUCT_TYPES } from '@/lib/dialects/ecns/workloads';
import { nameParam, oneActionQuery, oneQuery, PATCH_BODIES, patchQuery } from '@/lib/dialects/ecns/workloads-requests';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { productType: string; name: string };

/** Detail: conditions, events, revisions, and the workload with Pods_status and workload_status. */
export const GET = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  const { name } = parseWith(nameParam, { name: params.name });
  const q = parseWith(oneQuery, queryObject(req));
  return json(await workloadDetail(ctx, q.workload_type, name));
});

/** start / stop / recreate one workload. */
export const PUT = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  const { name } = parseWith(nameParam, { name: params.name });
  const q = parseWith(oneActionQuery, queryObject(req));
  await workloadLifecycle(ctx, [{ name, type: q.workload_type }], q.action);
  return json({});
});

/** One aspect: scale, access_modes, containers, update_strategy, rollback, scale_strategy, scheduler_strategy, network, labels. */
export const PATCH = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  const { name } = parseWith(nameParam, { name: params.name });
  const q = parseWith(patchQuery, queryObject(req));
  const body = await jsonBody(req, PATCH_BODIES[q.action]);
  return json(await patchWorkload(ctx, q.workload_type, name, { action: q.action, ...body } as PatchAction));
});

import { createWorkloads } from '@/lib/workloads/create';
import { deleteWorkloads } from '@/lib/workloads/delete';
import { listWorkloads } from '@/lib/workloads/list';
import { workloadLifecycle } from '@/lib/workloads/lifecycle';
import { attachWorkloads } from '@/lib/workloads/attach';
import { createWorkloads as createBody, WORKLOAD_PRODUCT_TYPES } from '@/lib/dialects/ecns/workloads';
import { attachBody, batchActionQuery, deleteBody, listQuery, workloadsBase } from '@/lib/dialects/ecns/workloads-requests';
import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { productType: string };

export const GET = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  return json(await listWorkloads(ctx, parseWith(listQuery, queryObject(req))));
});

export const POST = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  const { workloads } = await jsonBody(req, createBody);
  return json(await createWorkloads(ctx, params.productType, workloads), 201);
});

/** Batch start / stop / recreate, and attach / detach to an application. */
export const PUT = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  const { action } = parseWith(batchActionQuery, queryObject(req));
  if (action === 'attach' || action === 'detach') {
    const b = await jsonBody(req, attachBody);
    await attachWorkloads(ctx, action, b.application_name, b.workloads_base);
  } else {
    await workloadLifecycle(ctx, (await jsonBody(req, workloadsBase)).workloads_base, action);
  }
  return json({});
});

export const DELETE = route<P>(ecns, async ({ req, ctx, params }) => {
  checkProductType(params.productType, WORKLOAD_PRODUCT_TYPES);
  const { workloads_base, ...options } = await jsonBody(req, deleteBody);
  await deleteWorkloads(ctx, workloads_base, options);
  return new Response(null, { status: 204 });
});

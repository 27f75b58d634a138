import { deployGetQuery, deployIdParams, deployItemOf, deployRollback, deployUpgrade, project } from '@/lib/dialects/ote/deploy';
import { ote } from '@/lib/dialects/ote/errors';
import { oteBody } from '@/lib/dialects/ote/images';
import { bodyOrQuery } from '@/lib/dialects/ote/images-input';
import { getDeployment } from '@/lib/deploy/list';
import { requestDelete, requestRollback, requestUpgrade } from '@/lib/deploy/request';
import { editable } from '@/lib/deploy/states';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { z } from 'zod';

type P = { deployId: string };

/** `field=historyVersion` adds every version the deployment ran; other values project the item's fields. */
export const GET = route<P>(ote, async ({ req, ctx, params }) => {
  const { deployId } = parseWith(deployIdParams, params);
  const q = parseWith(deployGetQuery, queryObject(req));
  const d = await getDeployment(ctx, deployId);
  const item = deployItemOf(d, editable(d.status) && !d.deletedAt);
  if (q.field === 'historyVersion') return json(oteBody({ ...item, historyVersion: d.history }));
  return json(oteBody(project(item, q.field)));
});

/** Upgrade. */
export const POST = route<P>(ote, async ({ req, ctx, params }) => {
  const { deployId } = parseWith(deployIdParams, params);
  const input = await jsonBody(req, deployUpgrade);
  const r = await requestUpgrade(ctx, deployId, input);
  return json(oteBody({ id: deployId, status: r.status, auditId: r.seq }));
});

/** Rollback. */
export const PUT = route<P>(ote, async ({ req, ctx, params }) => {
  const { deployId } = parseWith(deployIdParams, params);
  const input = await jsonBody(req, deployRollback);
  const r = await requestRollback(ctx, deployId, input);
  return json(oteBody({ id: deployId, status: r.status, auditId: r.seq }));
});

const deleteBody = z.strictObject({ comment: z.string().max(1024, 'at most 1024 characters').default('') });

export const DELETE = route<P>(ote, async ({ req, ctx, params }) => {
  const { deployId } = parseWith(deployIdParams, params);
  const { comment } = await bodyOrQuery(req, deleteBody, []);
  const r = await requestDelete(ctx, { seq: deployId }, comment);
  return json(oteBody({ id: deployId, status: r.status, auditId: r.seq }));
});

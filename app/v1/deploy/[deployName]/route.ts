import { z } from 'zod';
import { deployNameParams } from '@/lib/dialects/ote/deploy';
import { ote } from '@/lib/dialects/ote/errors';
import { oteBody } from '@/lib/dialects/ote/images';
import { bodyOrQuery } from '@/lib/dialects/ote/images-input';
import { requestDelete } from '@/lib/deploy/request';
import { parseWith } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

const deleteBody = z.strictObject({ comment: z.string().max(1024, 'at most 1024 characters').default('') });

/** `DELETE /v1/deploy/{deployName}`: a delete request through the audit queue. */
export const DELETE = route<{ deployName: string }>(ote, async ({ req, ctx, params }) => {
  const { deployName } = parseWith(deployNameParams, params);
  const { comment } = await bodyOrQuery(req, deleteBody, []);
  const r = await requestDelete(ctx, { name: deployName }, comment);
  return json(oteBody({ deployName, status: r.status, auditId: r.seq }));
});

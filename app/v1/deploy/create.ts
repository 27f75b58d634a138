import { deployCreate } from '@/lib/dialects/ote/deploy';
import { ote } from '@/lib/dialects/ote/errors';
import { oteBody } from '@/lib/dialects/ote/images';
import { requestDeployment } from '@/lib/deploy/request';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

/** `POST /v1/deploy` and `POST /v1/deploy/install` (the seed shows both). */
export const createDeployment = route(ote, async ({ req, ctx }) => {
  const input = await jsonBody(req, deployCreate);
  const { deployment, request } = await requestDeployment(ctx, input);
  return json(oteBody({ id: deployment.seq, deployName: deployment.name, status: request.status, auditId: request.seq }));
});

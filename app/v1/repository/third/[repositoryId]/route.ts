import { ote } from '@/lib/dialects/ote/errors';
import { oteBody } from '@/lib/dialects/ote/images';
import { thirdItemOf } from '@/lib/dialects/ote/images-view';
import { json, route } from '@/lib/http/route';
import { deleteThirdRegistry, getThirdRegistry } from '@/lib/images/third-registries';

type P = { repositoryId: string };

export const GET = route<P>(ote, async ({ ctx, params }) => json(oteBody(thirdItemOf(await getThirdRegistry(ctx, params.repositoryId)), { message: 'Success' })));

export const DELETE = route<P>(ote, async ({ ctx, params }) => {
  await deleteThirdRegistry(ctx, params.repositoryId);
  return json(oteBody(null));
});

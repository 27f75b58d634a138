import { ote } from '@/lib/dialects/ote/errors';
import { oteBody } from '@/lib/dialects/ote/images';
import { projectItemOf } from '@/lib/dialects/ote/images-view';
import { json, route } from '@/lib/http/route';
import { deleteWorkspaces, getWorkspace } from '@/lib/images/workspaces';

type P = { projectName: string };

export const GET = route<P>(ote, async ({ ctx, params }) => json(oteBody(projectItemOf(await getWorkspace(ctx, params.projectName)))));

export const DELETE = route<P>(ote, async ({ req, ctx, params }) => {
  const force = new URL(req.url).searchParams.get('force') === 'true';
  await deleteWorkspaces(ctx, [params.projectName], { force });
  return json(oteBody(null));
});

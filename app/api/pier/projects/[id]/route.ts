import { projectUpdate } from '@/lib/dialects/pier/org';
import { pier } from '@/lib/dialects/pier/errors';
import { deleteProject, getProject, updateProject } from '@/lib/org/projects';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(pier, async ({ ctx, params }) => json(await getProject(ctx, params.id)));

export const PATCH = route<P>(pier, async ({ req, ctx, params }) =>
  json(await updateProject(ctx, params.id, await jsonBody(req, projectUpdate))),
);

export const DELETE = route<P>(pier, async ({ ctx, params }) => {
  await deleteProject(ctx, params.id);
  return new Response(null, { status: 204 });
});

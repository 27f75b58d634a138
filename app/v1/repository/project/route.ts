import { z } from 'zod';
import { ote } from '@/lib/dialects/ote/errors';
import { oteBody, projectCreate, projectListQuery } from '@/lib/dialects/ote/images';
import { bodyOrQuery } from '@/lib/dialects/ote/images-input';
import { PROJECT_ORDER, projectItemOf } from '@/lib/dialects/ote/images-view';
import { Conflict } from '@/lib/errors';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';
import { workspaceName } from '@/lib/images/names';
import { createWorkspace, deleteWorkspaces, listWorkspaces } from '@/lib/images/workspaces';

export const GET = route(ote, async ({ req, ctx }) => {
  const q = parseWith(projectListQuery, queryObject(req));
  const page = await listWorkspaces(ctx, { q: q.projectName, orderBy: PROJECT_ORDER[q.orderBy], order: q.order, page: q.page, pageSize: q.pageSize });
  return json(oteBody(page.items.map(projectItemOf), { total: page.total }));
});

export const POST = route(ote, async ({ req, ctx }) => {
  const input = await jsonBody(req, projectCreate);
  try {
    const ws = await createWorkspace(ctx, { name: input.projectName, public: input.public });
    return json(oteBody(projectItemOf(ws), { code: 201, message: 'Project created successfully.' }), 201);
  } catch (err) {
    if (err instanceof Conflict) throw new Conflict('Project name already exists.');
    throw err;
  }
});

const projectDelete = z.object({
  projectName: z.string({ error: 'required' }).pipe(workspaceName),
  force: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
});

/** `DELETE /v1/repository/project?projectName=` (or a JSON body); also served at `/v1/repository/project/{projectName}`. */
export const DELETE = route(ote, async ({ req, ctx }) => {
  const input = await bodyOrQuery(req, projectDelete, []);
  await deleteWorkspaces(ctx, [input.projectName], { force: input.force });
  return json(oteBody(null));
});

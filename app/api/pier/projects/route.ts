import { listQuery, projectCreate } from '@/lib/dialects/pier/org';
import { pier } from '@/lib/dialects/pier/errors';
import { createProject, listProjects } from '@/lib/org/projects';
import { jsonBody, parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route(pier, async ({ req, ctx }) => json(await listProjects(ctx, parseWith(listQuery, queryObject(req)))));

export const POST = route(pier, async ({ req, ctx }) => json(await createProject(ctx, await jsonBody(req, projectCreate)), 201));

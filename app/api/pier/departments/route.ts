import { departmentCreate } from '@/lib/dialects/pier/org';
import { pier } from '@/lib/dialects/pier/errors';
import { createDepartment, listDepartments } from '@/lib/org/departments';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route(pier, async ({ ctx }) => json({ items: await listDepartments(ctx) }));

export const POST = route(pier, async ({ req, ctx }) => json(await createDepartment(ctx, await jsonBody(req, departmentCreate)), 201));

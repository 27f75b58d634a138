import { departmentUpdate } from '@/lib/dialects/pier/org';
import { pier } from '@/lib/dialects/pier/errors';
import { deleteDepartment, getDepartment, updateDepartment } from '@/lib/org/departments';
import { jsonBody } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(pier, async ({ ctx, params }) => json(await getDepartment(ctx, params.id)));

export const PATCH = route<P>(pier, async ({ req, ctx, params }) =>
  json(await updateDepartment(ctx, params.id, await jsonBody(req, departmentUpdate))),
);

export const DELETE = route<P>(pier, async ({ ctx, params }) => {
  await deleteDepartment(ctx, params.id);
  return new Response(null, { status: 204 });
});

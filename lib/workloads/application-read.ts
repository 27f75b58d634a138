import { and, eq } from 'drizzle-orm';
import { ecnsApplications } from '@/db/schema';
import { mutate } from '@/lib/audit/record';
import type { Ctx } from '@/lib/context';
import { Invalid, NotFound } from '@/lib/errors';
import { auditApplication } from './application-audit';
import { pageApplications, requireApplications } from './application-store';
import { applicationInfos } from './application-view';
import { workloadScope } from './scope';

/** GET /applications/?type=&page=&page_size=: the current namespace's applications of a type, by name. */
export async function listApplications(ctx: Ctx, q: { type: string; page: number; page_size: number }) {
  const sc = await workloadScope(ctx, 'read');
  const { rows, total } = await pageApplications(ctx.db, { clusterId: sc.cluster.id, namespace: sc.namespace }, q.type, q.page, q.page_size);
  return { applications_info: await applicationInfos(sc, rows), total, page: q.page, page_size: q.page_size };
}

async function requireOfType(ctx: Ctx, need: 'read' | 'write', name: string, type?: string) {
  const sc = await workloadScope(ctx, need);
  const [row] = await requireApplications(ctx.db, { clusterId: sc.cluster.id, namespace: sc.namespace }, [name]);
  if (type && row.type !== type) throw new NotFound('application', `no ${type} application "${name}" in namespace "${sc.namespace}"`);
  return { sc, row };
}

/** GET /applications/app/<name>/?type=: application_info. */
export async function applicationDetail(ctx: Ctx, name: string, type: string) {
  const { sc, row } = await requireOfType(ctx, 'read', name, type);
  const [info] = await applicationInfos(sc, [row]);
  return { application_info: info };
}

/** PUT /applications/<name>/: the description (the only thing that changes; the body's name must be the URL's). */
export async function editApplication(ctx: Ctx, name: string, body: { name: string; description?: string }) {
  if (body.name !== name) throw new Invalid({ name: `"${body.name}" is not "${name}", the application in the URL (applications are not renamed)` });
  const { sc, row } = await requireOfType(ctx, 'write', name);
  const description = body.description ?? '';
  const updatedAt = ctx.clock.now();
  await mutate(ctx, async (tx) => {
    await tx.update(ecnsApplications).set({ description, updatedAt })
      .where(and(eq(ecnsApplications.id, row.id), eq(ecnsApplications.clusterId, sc.cluster.id), eq(ecnsApplications.namespace, sc.namespace)));
    await auditApplication(sc, tx, 'update', name, { description: row.description }, { description });
  });
  const [info] = await applicationInfos(sc, [{ ...row, description, updatedAt }]);
  return { application_info: info };
}

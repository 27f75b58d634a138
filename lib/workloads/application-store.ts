import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { ecnsApplications, type EcnsApplicationRow } from '@/db/schema';
import type { Db } from '@/db/client';
import { NotFound } from '@/lib/errors';

/** Where applications live: one cluster's namespace (every query filters by both). */
export interface AppPlace {
  clusterId: string;
  namespace: string;
}

const inPlace = (p: AppPlace) => and(eq(ecnsApplications.clusterId, p.clusterId), eq(ecnsApplications.namespace, p.namespace));

export async function findApplications(db: Db, p: AppPlace, names: string[]): Promise<EcnsApplicationRow[]> {
  if (!names.length) return [];
  return db.select().from(ecnsApplications).where(and(inPlace(p), inArray(ecnsApplications.name, names)));
}

/** Every named application, in the order named; one that does not exist is a 404 naming it. */
export async function requireApplications(db: Db, p: AppPlace, names: string[]): Promise<EcnsApplicationRow[]> {
  const rows = await findApplications(db, p, [...new Set(names)]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  return names.map((n) => {
    const row = byName.get(n);
    if (!row) throw new NotFound('application', `application "${n}" not found in namespace "${p.namespace}"`);
    return row;
  });
}

/** One page of the namespace's applications of a type, by name, with the total (paged in SQL). */
export async function pageApplications(db: Db, p: AppPlace, type: string, page: number, pageSize: number) {
  const where = and(inPlace(p), eq(ecnsApplications.type, type));
  const [rows, [{ n }]] = await Promise.all([
    db.select().from(ecnsApplications).where(where).orderBy(asc(ecnsApplications.name)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(ecnsApplications).where(where),
  ]);
  return { rows, total: Number(n) };
}

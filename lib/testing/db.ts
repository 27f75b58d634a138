import { count } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, departments, loginFailures, memberships, projects, tokens, users } from '@/db/schema';

const TABLES = { auditLog, departments, loginFailures, memberships, projects, tokens, users };

export type TableCounts = Record<keyof typeof TABLES, number>;

/** Row counts of every table, to prove a refused request changed nothing. */
export async function tableCounts(db: Db): Promise<TableCounts> {
  const out = {} as TableCounts;
  for (const [name, table] of Object.entries(TABLES)) {
    const [{ n }] = await db.select({ n: count() }).from(table);
    out[name as keyof TableCounts] = Number(n);
  }
  return out;
}

import { and, eq, isNull, or } from 'drizzle-orm';
import { clusters, type ClusterRow } from '@/db/schema';
import type { Db } from '@/db/client';
import { Invalid } from '../errors';
import { matches, parseSelector, SelectorError } from './selector';

/** Clusters a project may deploy to: shared ones and its department's. */
export async function projectClusters(db: Db, departmentId: string): Promise<ClusterRow[]> {
  return db.select().from(clusters).where(or(isNull(clusters.departmentId), eq(clusters.departmentId, departmentId))).orderBy(clusters.name);
}

/**
 * ote's `cluster`: a cluster's name, else a label selector over the
 * clusters' labels, else (empty) every cluster the project may use. No
 * match is a 400 on `cluster`.
 */
export async function resolveClusters(db: Db, departmentId: string, cluster: string): Promise<string[]> {
  const usable = await projectClusters(db, departmentId);
  const text = cluster.trim();
  if (!text) {
    if (!usable.length) throw new Invalid({ cluster: 'no cluster is available to this project' });
    return usable.map((c) => c.name);
  }
  const byName = usable.find((c) => c.name === text);
  if (byName) return [byName.name];
  let reqs;
  try {
    reqs = parseSelector(text);
  } catch (err) {
    throw new Invalid({ cluster: err instanceof SelectorError ? `neither a cluster name nor a label selector: ${err.message}` : 'invalid' });
  }
  const hit = usable.filter((c) => matches(reqs, c.labels ?? {}));
  if (!hit.length) throw new Invalid({ cluster: `no cluster you may use is named or labelled "${text}"` });
  return hit.map((c) => c.name);
}

export function nodeSelectorOf(nodeLabel: string) {
  try {
    return parseSelector(nodeLabel);
  } catch (err) {
    throw new Invalid({ nodeLabel: err instanceof SelectorError ? err.message : 'not a label selector' });
  }
}

/** Only for lookups by id where a row must exist. */
export async function clusterByName(db: Db, name: string): Promise<ClusterRow | undefined> {
  const [c] = await db.select().from(clusters).where(and(eq(clusters.name, name))).limit(1);
  return c;
}

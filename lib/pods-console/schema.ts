/**
 * The console's pod dashboard wire objects (client-safe: no server import).
 * The list and the stream take the same query, so a live update is filtered
 * exactly as the first page was.
 */
import { z } from 'zod';

export const POD_GROUPS = ['running', 'failed', 'other'] as const;
export type PodGroup = (typeof POD_GROUPS)[number];

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a DNS label');

/** Filters of the dashboard; every one optional. Unknown parameters are refused (docs/decisions.md "Lists"). */
export const podQuery = z.strictObject({
  namespace: dnsLabel.optional(),
  node: z.string().min(1).max(253).optional(),
  group: z.enum(POD_GROUPS).optional(),
  status: z.string().min(1).max(63).optional(),
  workload: z.string().min(1).max(253).optional(),
  label: z.string().min(1).max(1024).optional(),
  q: z.string().min(1).max(253).optional(),
});
export type PodQuery = z.infer<typeof podQuery>;

/** The dashboard's first page is about a screenful (shown at once); the rest follows in larger pages. */
export const FIRST_PAGE = 100;
export const NEXT_PAGE = 5000;

/**
 * The list's paging: `limit` rows after the cursor `after` (the last row's
 * "namespace/name"; rows are in namespace then name order). Without `limit`
 * the whole list comes in one answer.
 */
export const podListQuery = podQuery.extend({
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  after: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a row\'s "namespace/name"').max(317).optional(),
});
export type PodListQuery = z.infer<typeof podListQuery>;

/** The stream's own parameter: the list's resourceVersion to start from (Last-Event-ID wins on a reconnect). */
export const podStreamQuery = podQuery.extend({ since: z.string().regex(/^\d+$/, 'must be a resourceVersion').optional() });

/** One row of the dashboard: what the table shows and filters on. */
export interface PodRow {
  uid: string;
  namespace: string;
  name: string;
  /** kubectl's STATUS word: Terminating, a waiting reason (ImagePullBackOff), else the phase. */
  status: string;
  group: PodGroup;
  /** Ready containers over containers, as kubectl's READY column. */
  ready: string;
  restarts: number;
  node: string;
  podIP: string;
  images: string[];
  created: string;
  /** The controlling workload as "Kind/name" (a ReplicaSet's Deployment), or "". */
  workload: string;
  resourceVersion: string;
}

export interface PodCounts {
  running: number;
  failed: number;
  other: number;
  total: number;
}

export interface PodList {
  /** The rows passing the filters, in namespace then name order: all of them, or `limit` after `after`. */
  items: PodRow[];
  /** How many rows pass the filters in all (every page's items together). */
  total: number;
  /** The cursor of the next page (`after`), or null when this answer holds the last row. */
  next: string | null;
  /** Counts of the whole scope (namespace, cluster or node), before the other filters. */
  counts: PodCounts;
  resourceVersion: string;
  /** True while the cluster's watch is broken: the rows are the last known state. */
  stale: boolean;
  /** The namespaces of this cluster the caller may see, for the scope picker. */
  namespaces: string[];
}

/** One message of the stream (SSE `event:` names). */
export type PodStreamMessage =
  | { type: 'ADDED' | 'MODIFIED'; row: PodRow }
  | { type: 'DELETED'; uid: string; namespace: string; name: string; resourceVersion?: string }
  | { type: 'COUNTS'; counts: PodCounts }
  | { type: 'RESYNC' };

export const podLogQuery = z.strictObject({
  container: z.string().min(1).max(253).optional(),
  tailLines: z.coerce.number().int().min(0).max(100_000).optional(),
  timestamps: z.enum(['true', 'false']).optional(),
  follow: z.enum(['true', 'false']).optional(),
  previous: z.enum(['true', 'false']).optional(),
});
export type PodLogQuery = z.infer<typeof podLogQuery>;

export const podDeleteQuery = z.strictObject({ force: z.enum(['true', 'false']).optional() });

import { z } from 'zod';
import { PierError } from '../../errors';
import { appVersion, dnsLabel, nameMode } from './app';
import { unixSeconds } from './images';

/** Wire shapes of ote-stack "Deployment Management" and the admin audit. Client-safe. */

const text = (max: number) => z.string('a string').max(max, `at most ${max} characters`);
const page = z.coerce.number().int('a whole number').min(1, 'at least 1').default(1);
const pageSize = z.coerce.number().int('a whole number').min(0, 'at least 0').max(1000, 'at most 1000').default(10);

/**
 * `POST /v1/deploy`. The seed marks every field required but says `cluster`
 * and `nodeLabel` default to all; so they must be present, and may be empty.
 */
export const deployCreate = z.strictObject({
  deployName: dnsLabel,
  appName: dnsLabel,
  version: appVersion,
  cluster: text(1024),
  nodeLabel: text(1024),
  comment: text(1024),
  projectName: dnsLabel.optional(),
});

export const deployUpgrade = z.strictObject({ version: appVersion, comment: text(1024).default('') });
/** Rollback: the seed marks comment required. */
export const deployRollback = z.strictObject({ version: appVersion, comment: text(1024) });

export const deployListQuery = z.strictObject({
  page,
  pageSize,
  field: z.string().max(1024).optional(),
  appName: z.string().max(63, 'at most 63 characters').optional(),
  appNameMode: nameMode,
  editable: z.enum(['true', 'false', 'all'], 'true, false or all').default('all'),
  running: z.enum(['true', 'all'], 'true or all').default('all'),
});

export const deployGetQuery = z.strictObject({ field: z.string().max(1024).optional() });
export const deployIdParams = z.object({ deployId: z.coerce.number('a whole number').int('a whole number').min(1, 'at least 1').max(2147483647, 'out of range') });
export const deployNameParams = z.object({ deployName: dnsLabel });

export const auditListQuery = z.strictObject({
  orderBy: z.enum(['id', 'createTime', 'updateTime'], 'id, createTime or updateTime').default('id'),
  order: z.enum(['asc', 'desc'], 'asc or desc').default('desc'),
  businessName: z.string().max(63, 'at most 63 characters').optional(),
  page,
  pageSize,
  /** Pier: only requests in this status (0 = waiting for a decision). */
  status: z.coerce.number().int('a whole number').min(0, 'at least 0').max(9, 'at most 9').optional(),
});

export const auditDecision = z.strictObject({
  id: z.number('a whole number').int('a whole number').min(1, 'at least 1'),
  status: z.union([z.literal(1), z.literal(2)], '1 (approve) or 2 (disapprove)'),
  comment: text(1024),
});

/** The seed's admin list answers 422 for a request it cannot process (bad parameters). */
export class Unprocessable extends PierError {
  readonly status = 422;
  readonly reason = 'unprocessable';
}

export interface DeployItem {
  id: number;
  deployName: string;
  appName: string;
  version: string;
  cluster: string;
  nodeLabel: string;
  comment: string;
  deployType: number;
  status: number;
  createTime: number;
  updateTime: number;
  editable: boolean;
  errorMessage: string;
  auditComment: string;
  projectName: string;
  historyVersion?: string[];
}

export function deployItemOf(d: {
  seq: number; name: string; appName: string; version: string; cluster: string; nodeLabel: string; comment: string; deployType: number;
  status: number; createdAt: Date; updatedAt: Date; auditComment: string; projectName: string; pods: { running: number; error: number; total: number };
}, editable: boolean): DeployItem {
  return {
    id: d.seq, deployName: d.name, appName: d.appName, version: d.version, cluster: d.cluster, nodeLabel: d.nodeLabel, comment: d.comment,
    deployType: d.deployType, status: d.status, createTime: unixSeconds(d.createdAt), updateTime: unixSeconds(d.updatedAt), editable,
    errorMessage: JSON.stringify({ running: d.pods.running, error: d.pods.error, total: d.pods.total }), auditComment: d.auditComment, projectName: d.projectName,
  };
}

/** The seed's `field`: a comma-separated projection of item fields. */
export function project(item: DeployItem, field: string | undefined): Partial<DeployItem> {
  if (!field) return item;
  const keys = field.split(',').map((f) => f.trim()).filter(Boolean);
  return Object.fromEntries(keys.filter((k) => k in item).map((k) => [k, item[k as keyof DeployItem]]));
}

/** Query and body shapes of the console's deploy API (`/api/pier/deploy/**`). Client-safe. */
import { z } from 'zod';
import { appVersion } from '../dialects/ote/app';

export { deployCreate, deployUpgrade, deployRollback } from '../dialects/ote/deploy';

const id = z.coerce.number('a whole number').int('a whole number').min(1, 'at least 1').max(2147483647, 'out of range');
export const idParams = z.object({ id });

export const deploymentsQuery = z.strictObject({
  page: z.coerce.number().int('a whole number').min(1, 'at least 1').default(1),
  pageSize: z.coerce.number().int('a whole number').min(1, 'at least 1').max(100, 'at most 100').default(20),
  appName: z.string().max(63, 'at most 63 characters').optional(),
  /** Leave out deleted deployments. */
  live: z.enum(['true', 'false']).default('false'),
});

export const requestsQuery = z.strictObject({
  page: z.coerce.number().int('a whole number').min(1, 'at least 1').default(1),
  pageSize: z.coerce.number().int('a whole number').min(1, 'at least 1').max(100, 'at most 100').default(20),
  /** `pending`: waiting for a decision; `decided`: any other status; or one status code 0–9. */
  status: z.union([z.enum(['pending', 'decided']), z.coerce.number().int().min(0).max(9)], 'pending, decided or 0–9').default('pending'),
  businessName: z.string().max(63, 'at most 63 characters').optional(),
  appName: z.string().max(63, 'at most 63 characters').optional(),
});

export const previewQuery = z.strictObject({ version: appVersion.optional() });

const comment = z.string('a string').max(1024, 'at most 1024 characters');
export const decision = z.strictObject({ status: z.union([z.literal(1), z.literal(2)], '1 (approve) or 2 (disapprove)'), comment: comment.default('') });
export const bulkApprove = z.strictObject({ ids: z.array(id).min(1, 'at least one request').max(100, 'at most 100 requests'), comment: comment.default('') });
export const deleteBody = z.strictObject({ comment: comment.default('') });


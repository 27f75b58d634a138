import { z } from 'zod';

export const auditQuery = z.strictObject({
  page: z.coerce.number().int().min(1, 'at least 1').default(1),
  pageSize: z.coerce.number().int().min(1, 'at least 1').max(200, 'at most 200').default(50),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  resourceType: z.string().max(64).optional(),
  source: z.string().max(32).optional(),
  q: z.string().max(128).optional(),
  from: z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time' }).optional(),
});

export type AuditQuery = z.infer<typeof auditQuery>;

import { auditQuery } from '@/lib/dialects/pier/audit';
import { pier } from '@/lib/dialects/pier/errors';
import { listAudit } from '@/lib/audit/list';
import { parseWith, queryObject } from '@/lib/http/body';
import { json, route } from '@/lib/http/route';

export const GET = route(pier, async ({ req, ctx }) => json(await listAudit(ctx, parseWith(auditQuery, queryObject(req)))));

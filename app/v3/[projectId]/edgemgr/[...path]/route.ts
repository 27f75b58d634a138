import { ief } from '@/lib/dialects/ief/errors';
import { requireIefProject } from '@/lib/dialects/ief/project';
import { unknownPath } from '@/lib/http/unknown-path';

export const { GET, POST, PUT, PATCH, DELETE } = unknownPath(ief, async ({ ctx, params }) => {
  await requireIefProject(ctx, String(params.projectId));
});

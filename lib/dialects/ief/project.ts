import type { Ctx } from '../../context';
import { NotFound, PierError } from '../../errors';
import { requireProject } from '../../org/scope';

/** IEF's answer for a project_id the caller cannot see: 400 IEF.100001, as the seed shows. */
export class ProjectIdNotFound extends PierError {
  readonly status = 400;
  readonly reason = 'project_not_found';
  constructor() {
    super('PROJECT_ID not found');
  }
}

export async function requireIefProject(ctx: Ctx, projectId: string) {
  try {
    return await requireProject(ctx, projectId);
  } catch (err) {
    if (err instanceof NotFound) throw new ProjectIdNotFound();
    throw err;
  }
}

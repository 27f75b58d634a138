/** ote's deployType and status codes (the seed's "List Deployment" table). Client-safe. */
export const DeployType = { new: 1, upgrade: 2, rollback: 3, delete: 4 } as const;
export const DeployStatus = {
  pending: 0, approved: 1, disapproved: 2, processing: 3, deploying: 4,
  success: 5, partial: 6, failed: 7, internalError: 8, deleted: 9,
} as const;

/** A request still open: nothing else may be asked of its deployment meanwhile. */
export const OPEN_STATUSES: number[] = [DeployStatus.pending, DeployStatus.approved, DeployStatus.processing, DeployStatus.deploying];
/** Statuses after which the version counts as one the deployment ran (rollback targets). */
export const RAN_STATUSES: number[] = [DeployStatus.success, DeployStatus.partial];

export const editable = (status: number) => !OPEN_STATUSES.includes(status);

import type { Controller } from './types';
import { replicaSetController } from './replicaset';
import { cronJobController } from './cronjob';
import { hpaController } from './hpa';
import { jobController } from './job';
import { statefulSetController } from './statefulset';

export type { Controller, ControllerContext, Requeue } from './types';
export { ClusterManager, type ManagerOptions } from './manager';

/**
 * The controllers every simulated cluster runs, in the order the manager runs
 * each round's due keys. Add a controller here (see docs/cluster-controllers.md).
 */
export function defaultControllers(): Controller[] {
  return [replicaSetController, statefulSetController, jobController, cronJobController, hpaController];
}

import type { Controller } from './types';
import { daemonSetController } from './daemonset';
import { deploymentController } from './deployment';
import { createKubelet } from './kubelet';
import { nodeLifecycleController, taintEvictionController } from './nodes';
import { volumeController } from './volumes';
import { replicaSetController } from './replicaset';
import { cronJobController } from './cronjob';
import { quotaController } from '../admission/quota-controller';
import { hpaController } from './hpa';
import { jobController } from './job';
import { createScheduler } from './scheduler';
import { statefulSetController } from './statefulset';

export type { Controller, ControllerContext, Requeue } from './types';
export { ClusterManager, type ManagerOptions } from './manager';

/**
 * The controllers every simulated cluster runs (fresh instances: some keep per-cluster state), in the order the manager runs
 * each round's due keys. Add a controller here (see docs/cluster-controllers.md).
 */
export function defaultControllers(): Controller[] {
  return [
    ...workloadControllers(),
    createScheduler(),
    createKubelet(),
    quotaController,
    nodeLifecycleController,
    taintEvictionController,
    volumeController,
  ];
}

/** Controllers of workload kinds (they create and delete pods; the scheduler and kubelets run them). */
function workloadControllers(): Controller[] {
  return [deploymentController, replicaSetController, statefulSetController, daemonSetController, jobController, cronJobController, hpaController];
}

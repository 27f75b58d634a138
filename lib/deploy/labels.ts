/** What Pier writes on the objects of an ote deployment. Client-safe. */

/** On every object and the pods: the deployment's name (the workload's selector, unchanged across versions). */
export const DEPLOYMENT_LABEL = 'pier.io/ote-deployment';
export const APP_LABEL = 'pier.io/app';
/** On the pod template too, so that a new version rolls the pods even when nothing else changed. */
export const VERSION_LABEL = 'pier.io/app-version';
/** ote's deployment id, for finding the row from the cluster. */
export const DEPLOY_ID_ANNOTATION = 'pier.io/ote-deploy-id';
/** The request whose apply wrote this object: the worker's proof that it already applied (never apply twice). */
export const REQUEST_ANNOTATION = 'pier.io/ote-request';

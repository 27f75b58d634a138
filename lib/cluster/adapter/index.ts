/**
 * The cluster adapter: the only code in Pier that talks to a Kubernetes
 * cluster. Get clients with `clientsFor(db, clusterRow)` (or `clientsByName`),
 * then use the helpers below; everything they throw is a PierError
 * (NotFound, Conflict, Invalid with the causes' fields, Forbidden,
 * ClusterUnavailable, ClusterCredentialRefused, Expired), with the cluster's
 * own Status behind it in `kubeStatusOf(err)`.
 */
export { clientsFor, clientsByName, clientsFromDoc, forgetClients, type KubeClients } from './connect';
export {
  listPage, listAll, getObject, createObject, replaceObject, createOrUpdate, mergePatch, jsonPatch, deleteObject,
  readScale, scale, podLogs, watchObjects, serverSummary,
  type KubeObject, type KindRef, type ListOptions, type Page, type PropagationPolicy, type Scale, type WatchEventType, type WatchHandle,
} from './objects';
export { ClusterUnavailable, ClusterCredentialRefused, Expired, kubeStatusOf, toPierError, kube, type KubeStatus } from './errors';
export { parseKubeconfig, simulatedKubeconfig, type KubeconfigDoc, type ParsedKubeconfig } from './kubeconfig';
export { SYSTEM_USER } from './identity';
export { selfUrl } from './self-url';
export { followPodLogs } from './log-stream';
export { noteWrite } from './own-writes';
export { retryOnConflict } from './retry-conflict';

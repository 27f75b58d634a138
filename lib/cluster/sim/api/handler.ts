import { route } from '@/lib/http/route';
import { k8sDialect } from './dialect';
import { serveK8s } from './serve';

export type K8sParams = { cluster: string; path: string[] };

/** A simulated cluster's Kubernetes API: /k8s/<cluster>/api/v1/..., /apis/..., /version. */
export const k8sHandler = route<K8sParams>(k8sDialect, ({ req, ctx, params }) => serveK8s(ctx, req, params.cluster, params.path));

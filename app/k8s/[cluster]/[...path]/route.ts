import { serveK8s } from '@/lib/cluster/sim/api/serve';
import { k8sDialect } from '@/lib/cluster/sim/api/dialect';
import { route } from '@/lib/http/route';

type Params = { cluster: string; path: string[] };

/** A simulated cluster's Kubernetes API: /k8s/<cluster>/api/v1/..., /apis/..., /version. */
const handler = route<Params>(k8sDialect, ({ req, ctx, params }) => serveK8s(ctx, req, params.cluster, params.path));

export const dynamic = 'force-dynamic';
export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;

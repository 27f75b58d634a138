import { k8sHandler } from '@/lib/cluster/sim/api/handler';

// With PIER_K8S_DIRECT=1 `npm start` answers /k8s/ before Next.js sees it (lib/cluster/sim/api/node-entry.ts)
// with this same handler; by default this route serves it.
export const dynamic = 'force-dynamic';
export const GET = k8sHandler;
export const POST = k8sHandler;
export const PUT = k8sHandler;
export const PATCH = k8sHandler;
export const DELETE = k8sHandler;

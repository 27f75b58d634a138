import { k8sHandler } from '@/lib/cluster/sim/api/handler';

// `npm start` answers /k8s/ before Next.js sees it (lib/cluster/sim/api/node-entry.ts);
// this route serves the same handler wherever Next.js is the server.
export const dynamic = 'force-dynamic';
export const GET = k8sHandler;
export const POST = k8sHandler;
export const PUT = k8sHandler;
export const PATCH = k8sHandler;
export const DELETE = k8sHandler;

import { pier } from '@/lib/dialects/pier/errors';
import { namespaceRefs } from '@/lib/cluster/namespace-refs';
import { json, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** The namespace's ConfigMaps, Secrets (key names only) and PVCs, for the workload editor's pickers. */
export const GET = route<{ name: string; namespace: string }>(pier, async ({ ctx, params }) => json(await namespaceRefs(ctx, params.name, params.namespace)));

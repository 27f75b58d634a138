import { kubeconfigFor } from '@/lib/cluster/sim/api/kubeconfig';
import { pier } from '@/lib/dialects/pier/errors';
import { route } from '@/lib/http/route';

type Params = { name: string };

/** A kubeconfig YAML for the caller, with a newly issued token (shown only in this answer). */
export const GET = route<Params>(pier, async ({ req, ctx, params }) => {
  const host = req.headers.get('host') ?? new URL(req.url).host;
  const text = await kubeconfigFor(ctx, params.name, host);
  return new Response(text, {
    status: 200,
    headers: {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="kubeconfig-${params.name.replace(/[^A-Za-z0-9._-]/g, '_')}.yaml"`,
      'cache-control': 'no-store',
    },
  });
});

export const dynamic = 'force-dynamic';

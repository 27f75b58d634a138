import { revokePersonalToken } from '@/lib/auth/account';
import { pier } from '@/lib/dialects/pier/errors';
import { route } from '@/lib/http/route';

export const DELETE = route<{ id: string }>(pier, async ({ ctx, params }) => {
  await revokePersonalToken(ctx, params.id);
  return new Response(null, { status: 204 });
});

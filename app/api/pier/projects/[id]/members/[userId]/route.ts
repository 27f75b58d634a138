import { pier } from '@/lib/dialects/pier/errors';
import { removeMember } from '@/lib/org/memberships';
import { route } from '@/lib/http/route';

export const DELETE = route<{ id: string; userId: string }>(pier, async ({ ctx, params }) => {
  await removeMember(ctx, params.id, params.userId);
  return new Response(null, { status: 204 });
});

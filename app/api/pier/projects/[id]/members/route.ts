import { membershipChange } from '@/lib/dialects/pier/org';
import { pier } from '@/lib/dialects/pier/errors';
import { addMember } from '@/lib/org/memberships';
import { jsonBody } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const POST = route<{ id: string }>(pier, async ({ req, ctx, params }) => {
  const { userId } = await jsonBody(req, membershipChange);
  await addMember(ctx, params.id, userId);
  return new Response(null, { status: 204 });
});

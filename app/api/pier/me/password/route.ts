import { changePassword } from '@/lib/auth/account';
import { passwordChange } from '@/lib/dialects/pier/account';
import { pier } from '@/lib/dialects/pier/errors';
import { jsonBody } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const POST = route(pier, async ({ req, ctx }) => {
  await changePassword(ctx, await jsonBody(req, passwordChange));
  return new Response(null, { status: 204 });
});

import { neteaseImageOf } from '@/lib/dialects/netease/images';
import { netease } from '@/lib/dialects/netease/errors';
import { json, route } from '@/lib/http/route';
import { imageOfferings } from '@/lib/images/offerings';

export const GET = route(netease, async ({ ctx }) => {
  const o = await imageOfferings(ctx);
  return json({ custom_images: o.custom.map(neteaseImageOf), public_images: o.public.map(neteaseImageOf) });
});

import { netease } from '@/lib/dialects/netease/errors';
import { unknownPath } from '@/lib/http/unknown-path';

export const { GET, POST, PUT, PATCH, DELETE } = unknownPath(netease);

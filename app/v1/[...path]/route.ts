import { ote } from '@/lib/dialects/ote/errors';
import { unknownPath } from '@/lib/http/unknown-path';

export const { GET, POST, PUT, PATCH, DELETE } = unknownPath(ote);

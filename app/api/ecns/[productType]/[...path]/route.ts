import { ecns } from '@/lib/dialects/ecns/errors';
import { unknownPath } from '@/lib/http/unknown-path';

export const { GET, POST, PUT, PATCH, DELETE } = unknownPath(ecns);

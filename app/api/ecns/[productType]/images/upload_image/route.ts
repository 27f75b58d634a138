import { uploadImageRoute } from '@/lib/images/upload-route';

/** Streams for as long as the archive takes; the default serverless limits do not apply to Pier's own server. */
export const maxDuration = 3600;

/** The handler is shared with the Node server's direct path (lib/images/upload-node-entry.ts). */
export const POST = uploadImageRoute;

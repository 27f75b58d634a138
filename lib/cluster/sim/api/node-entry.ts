import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendWebResponse, webRequestOf } from '@/lib/http/node/web-bridge';
import { sendText } from '@/lib/http/node/send-text';
import { k8sHandler } from './handler';
import { textOf } from './reply';

const PREFIX = '/k8s/';

/**
 * The simulated clusters' API answered by Pier's Node server directly, with
 * the same handler as the Next.js route: kubectl, client-node and the
 * controllers' watchers are machines, and Next.js's routing, response
 * streaming and compression (gzip level 6) cost more than a 500-pod list
 * itself (docs/performance.md). Lists are written to the socket as text
 * (send-text.ts). Returns false for any other path.
 */
export function answerK8s(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? '';
  if (!url.startsWith(PREFIX) || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  const pathname = url.slice(PREFIX.length).split('?')[0];
  let segments: string[];
  try {
    segments = pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return false; // a malformed escape: Next.js answers it as it always did
  }
  if (segments.length < 2) return false;
  const [cluster, ...path] = segments;
  void answer(req, res, cluster, path).catch(() => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
  return true;
}

async function answer(req: IncomingMessage, res: ServerResponse, cluster: string, path: string[]): Promise<void> {
  const response = await k8sHandler(webRequestOf(req, res), { params: Promise.resolve({ cluster, path }) });
  const text = textOf(response);
  if (text === undefined) return sendWebResponse(res, response);
  // The body stream is never read here; cancelling it lets it go at once.
  void response.body?.cancel().catch(() => undefined);
  return sendText(req, res, response.status, response.headers, text);
}

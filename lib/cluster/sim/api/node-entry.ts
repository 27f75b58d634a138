import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendWebResponse, webRequestOf } from '@/lib/http/node/web-bridge';
import { k8sHandler } from './handler';

const PREFIX = '/k8s/';

/**
 * The simulated clusters' API answered by Pier's Node server directly, with
 * the same handler as the Next.js route: kubectl, client-node and the
 * controllers' watchers are machines, and Next.js's routing and response
 * streaming cost more than a 500-pod list itself (docs/performance.md).
 * Returns false for any other path.
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
  void k8sHandler(webRequestOf(req, res), { params: Promise.resolve({ cluster, path }) })
    .then((response) => sendWebResponse(res, response))
    .catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  return true;
}

import { createServer, type IncomingMessage } from 'node:http';
import next from 'next';
import { startControllers } from '../cluster/sim/controllers/start';
import { PATH_HEADER, PEER_HEADER } from '../http/credentials';
import { getStore } from '../http/store';

/**
 * Serves the built console. A thin Node server in front of Next.js, so that
 * every request carries the real peer address in a header no client can set
 * (Next.js itself only fills X-Forwarded-For when the client sent none).
 */
export async function serve(opts: { root: string; port: number; host?: string }) {
  const app = next({ dev: false, dir: opts.root, hostname: opts.host ?? 'localhost', port: opts.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req: IncomingMessage, res) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
    req.headers[PATH_HEADER] = req.url ?? '/';
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  // The simulated clusters' controllers run in the serving process (one leader per cluster on PostgreSQL).
  const controllers = process.env.PIER_SIM_CONTROLLERS === 'off' ? null : startControllers(await getStore());
  const stop = () => void (controllers?.stop() ?? Promise.resolve()).finally(() => server.close(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return server;
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import next from 'next';
import { dataDir } from '../../db/client';
import { startControllers } from '../cluster/sim/controllers/start';
import { startControllersThread } from '../cluster/sim/controllers/thread';
import { systemClock } from '../context';
import { startDeployWorker } from '../deploy/worker';
import { PATH_HEADER, PEER_HEADER } from '../http/credentials';
import { installCatalogImageResolver } from '../images/kubelet-resolver';
import { getStore } from '../http/store';
import { answerK8s } from '../cluster/sim/api/node-entry';
import { answerUpload } from '../images/upload-node-entry';
import { ensureTls } from '../tls/certs';
import { dualProtocolServer } from '../tls/sniff';
import { cancelOpenBodies } from '../http/node/web-bridge';
import { closeIdleAfterPoll } from '../http/node/keep-alive';

/** How long a SIGTERM waits for the controllers, open bodies and connections before exiting anyway. */
const STOP_GRACE_MS = Number(process.env.PIER_STOP_GRACE_MS || 15_000);
/** How long requests in flight at a SIGTERM may take before their connections are closed. */
const DRAIN_MS = 5_000;

/**
 * Serves the built console. A thin Node server in front of Next.js, so that
 * every request carries the real peer address in a header no client can set
 * (Next.js itself only fills X-Forwarded-For when the client sent none).
 * The one port speaks both plain HTTP and HTTPS (see lib/tls/sniff.ts).
 */
export async function serve(opts: { root: string; port: number; host?: string }) {
  const app = next({ dev: false, dir: opts.root, hostname: opts.host ?? 'localhost', port: opts.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
    req.headers[PATH_HEADER] = req.url ?? '/';
    // /k8s/ without Next.js's router unless PIER_K8S_DIRECT=0 (docs/cluster-sim.md, "Serving path").
    if (process.env.PIER_K8S_DIRECT !== '0' && answerK8s(req, res)) return;
    // The ECNS image upload off the Node request unless PIER_UPLOAD_DIRECT=0 (docs/registry.md, "Upload path").
    if (process.env.PIER_UPLOAD_DIRECT !== '0' && answerUpload(req, res)) return;
    void handle(req, res);
  };
  const tls = ensureTls(dataDir());
  const plain = createServer(onRequest);
  const secure = createHttpsServer({ key: tls.key, cert: tls.cert }, onRequest);
  closeIdleAfterPoll(plain);
  closeIdleAfterPoll(secure);
  const server = dualProtocolServer(plain, secure);
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  // /readyz answers as soon as the port listens, so a SIGTERM can come while the store and the
  // controllers are still starting: it is held until they have started, then stops them.
  let stopWhenAsked: (() => void) | null = null;
  let signalled = false;
  const onSignal = () => {
    signalled = true;
    stopWhenAsked?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  // The simulated clusters' controllers run in Pier's process (one leader per cluster on PostgreSQL):
  // on PostgreSQL in a worker thread of their own, on PGlite on the serving thread, which owns the database.
  const store = await getStore();
  installCatalogImageResolver(store.db);
  const controllers = process.env.PIER_SIM_CONTROLLERS === 'off' ? null
    : store.driver === 'pg' && process.env.PIER_SIM_CONTROLLERS !== 'inline' ? startControllersThread()
      : startControllers(store);
  startDeployWorker(store.db, systemClock, { soleInstance: store.driver === 'pglite' });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const pending = new Set(['controllers', 'open bodies', 'connections']);
    // A stop that cannot finish (a stuck step, a client that never hangs up) must not keep
    // the process alive: say what was still pending, and exit anyway.
    setTimeout(() => {
      console.error(`pier: stopping took over ${STOP_GRACE_MS / 1000} s (still waiting for: ${[...pending].join(', ')}); exiting`);
      process.exit(0);
    }, STOP_GRACE_MS).unref();
    const step = (name: string, p: Promise<unknown> | undefined) => Promise.resolve(p).finally(() => pending.delete(name));
    void Promise.all([step('controllers', controllers?.stop()), step('open bodies', cancelOpenBodies())]).finally(() => {
      server.close(() => {
        pending.delete('connections');
        process.exit(0);
      });
      // Keep-alive connections, watches and live-update streams never end by themselves, and
      // the inner servers' closeAllConnections() sees nothing (they track sockets only once
      // they listen themselves): requests in flight get DRAIN_MS, then every socket is closed
      // (clients of a watch reconnect).
      setTimeout(() => {
        for (const s of sockets) s.destroy();
      }, DRAIN_MS).unref();
    });
  };
  stopWhenAsked = stop;
  if (signalled) stop();
  return server;
}

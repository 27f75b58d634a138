import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerK8s } from '@/lib/cluster/sim/api/node-entry';
import { PEER_HEADER } from '@/lib/http/credentials';
import { cancelOpenBodies } from '@/lib/http/node/web-bridge';

export interface SimServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 answering /k8s/ with the entry `npm start`
 * uses (lib/cluster/sim/api/node-entry.ts), so integration tests reach
 * simulated clusters the way a running Pier does: client-node over TCP.
 * Sets PIER_SELF_URL to it.
 */
export async function startSimServer(): Promise<SimServer> {
  const server: Server = createServer((req, res) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '127.0.0.1';
    if (!answerK8s(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('not a /k8s/<cluster>/ path');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.PIER_SELF_URL = url;
  return {
    url,
    close: async () => {
      // Cancel open watch streams first, so they stop polling the store before a test disposes of it.
      await cancelOpenBodies();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

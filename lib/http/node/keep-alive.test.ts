import { createServer, type Server } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { dualProtocolServer } from '@/lib/tls/sniff';
import { createServer as createHttpsServer } from 'node:https';
import { closeIdleAfterPoll } from './keep-alive';

/**
 * The client runs in a worker thread, so it keeps its own event loop while
 * the server's (this thread's) is held up. It keeps idle sockets with no
 * deadline of its own, as Playwright's request client does.
 */
const CLIENT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true });
const get = (path) => new Promise((resolve, reject) => {
  http.get({ host: '127.0.0.1', port: workerData.port, path, agent }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => resolve(body));
  }).on('error', reject);
});
(async () => {
  await get('/first');
  parentPort.postMessage({ first: true });
  await new Promise((r) => setTimeout(r, workerData.idleMs));
  try {
    parentPort.postMessage({ second: await get('/second'), sockets: agent.totalSocketCount });
  } catch (err) {
    parentPort.postMessage({ error: err.code || err.message });
  }
})();
`;

/**
 * One request, then a second on the same kept-alive connection, sent while
 * the server's event loop is blocked past the connection's idle deadline.
 * keepAliveTimeout 2 s (Node 20 arms the socket's idle timer 1 s later
 * than it announces: 3 s; the client's agent keeps sockets only when the
 * announced timeout is over 1 s); the second request is sent 0.3 s after
 * the first answer; the loop is blocked from about 0.1 s to 3.4 s, in a
 * check-phase callback, as a long run of synchronous work (PGlite, the
 * controllers) holds it. When it resumes, the timers run first: the idle
 * timer is due and the request is waiting unread in the kernel.
 */
async function requestDuringStall(server: Server, listening: NetServer = server) {
  server.keepAliveTimeout = 2000;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', () => resolve()));
  const port = (listening.address() as AddressInfo).port;
  const worker = new Worker(CLIENT, { eval: true, workerData: { port, idleMs: 300 } });
  try {
    return await new Promise<{ second?: string; error?: string }>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: { first?: boolean; second?: string; error?: string }) => {
        if (!m.first) return resolve(m);
        setTimeout(() => setImmediate(() => {
          const until = Date.now() + 3300;
          while (Date.now() < until); // the stalled loop: nothing else runs on this thread meanwhile
        }), 100);
      });
    });
  } finally {
    await worker.terminate();
    server.closeAllConnections();
    await new Promise((r) => listening.close(r));
  }
}

const answer = () => createServer((req, res) => void res.end(`ok ${req.url}`));

describe('closeIdleAfterPoll', { timeout: 30_000 }, () => {
  it("without it, Node's idle timer resets a connection a request is already waiting on (the race it closes)", async () => {
    expect(await requestDuringStall(answer())).toEqual({ error: 'ECONNRESET' });
  });

  it('answers a request that arrived while the loop was held up past the idle deadline', async () => {
    const server = answer();
    closeIdleAfterPoll(server);
    expect(await requestDuringStall(server)).toMatchObject({ second: 'ok /second' });
  });

  it('the same through the one-port server that hands sockets to the inner HTTP server', async () => {
    const plain = answer();
    closeIdleAfterPoll(plain);
    const https = createHttpsServer();
    const outer = dualProtocolServer(plain, https);
    expect(await requestDuringStall(plain, outer)).toMatchObject({ second: 'ok /second' });
  });

  it('still closes a connection that stays idle', async () => {
    const server = answer();
    closeIdleAfterPoll(server);
    server.keepAliveTimeout = 200;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    const closed = new Promise<void>((resolve) => server.on('connection', (s) => s.on('close', () => resolve())));
    await fetch(`http://127.0.0.1:${port}/idle`).then((r) => r.text());
    await closed; // the test's timeout is the failure if it never closes
    await new Promise((r) => server.close(r));
  });
});

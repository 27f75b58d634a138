import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';

/**
 * Closes a keep-alive connection after `keepAliveTimeout` of idleness, as
 * Node's server does, but only after the event loop has read what already
 * arrived on it.
 *
 * Node destroys the socket from the idle timer itself (armed at
 * keepAliveTimeout + 1 s on Node 20). After a callback that held the event
 * loop, timers run before the loop polls sockets, so when the loop has been
 * held up past a connection's idle deadline (on PGlite the store and the
 * simulated cluster's controllers share Pier's serving thread, and a
 * transaction's statements follow one another without yielding to I/O), a
 * request the client sent before that deadline is still unread in the
 * kernel when the timer fires. Closing a
 * socket with unread data makes the kernel answer with a reset: the client
 * sees `read ECONNRESET` on a request it sent in good time (Playwright's
 * request client in e2e/browser/pods.spec.ts; its agent keeps idle sockets
 * with no deadline of its own, ignoring the server's Keep-Alive hint).
 *
 * With a 'timeout' listener on the server, Node leaves the socket alone
 * and this decides: it looks again after the next poll phase
 * (setImmediate) and closes the socket only if no byte came in meanwhile.
 * If one did, the parser has started the next request (or will, as more
 * arrives) and the idle timer runs again after that request's answer.
 */
export function closeIdleAfterPoll(server: HttpServer | HttpsServer): void {
  server.on('timeout', (socket: Socket) => {
    const seen = socket.bytesRead;
    setImmediate(() => {
      if (socket.destroyed) return;
      if (socket.bytesRead !== seen) {
        // PIER_DEBUG_KEEPALIVE=1: say so, to tell whether a run met the race.
        if (process.env.PIER_DEBUG_KEEPALIVE === '1') console.warn('pier: kept a keep-alive connection a request arrived on as its idle timer fired');
        return;
      }
      socket.destroy();
    });
  });
}

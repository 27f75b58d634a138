import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';

/** The first byte of a TLS record carrying a handshake (the ClientHello). */
const TLS_HANDSHAKE = 0x16;

/**
 * One port, two protocols: each connection's first byte says whether it is a
 * TLS handshake or plain HTTP, and the socket goes to that server with the
 * byte put back. Browsers and scripts keep using http://; kubectl needs
 * https:// because client-go sends a bearer token only over TLS.
 */
export function dualProtocolServer(http: HttpServer, https: HttpsServer): Server {
  // Sockets handed over by 'connection' skip the inner servers' own noDelay
  // setting. Without it, a keep-alive connection's next response waits on
  // Nagle's algorithm for the client's delayed ACK: about 40 ms per request.
  return createServer({ noDelay: true }, (socket: Socket) => {
    // A client that connects and never speaks would otherwise hold the socket forever.
    const silent = () => socket.destroy();
    socket.setTimeout(30_000, silent);
    socket.once('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      // setTimeout(0) stops the timer but keeps its listener, which would then destroy the socket on the
      // inner server's keep-alive timeout too, before that server's own decision (lib/http/node/keep-alive.ts).
      socket.setTimeout(0);
      socket.off('timeout', silent);
      socket.unshift(chunk);
      (chunk[0] === TLS_HANDSHAKE ? https : http).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
}

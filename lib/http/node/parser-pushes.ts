import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** A request's body taken from Node's HTTP parser as it arrives (takeParserPushes). */
export interface ParserPushes {
  /** Stops the socket after the piece being handed over (call it from `onPiece`). */
  pause(): void;
  /** Starts the socket again. */
  resume(): void;
}

/**
 * Node's HTTP parser hands each piece of a request's body to the request's
 * `push()` (`parserOnBody` in Node's `_http_common`), stops the socket when
 * `push()` answers false, and ends the body with `push(null)`; the
 * request's `_read()` starts the socket again. Everything between, the
 * readable stream's buffer, its `data` event and a `nextTick` per piece
 * (`maybeReadMore`), is work for nothing when the reader copies each piece
 * away at once (coalesced-body.ts): ~7,800 times per 500 MB.
 *
 * This takes the pieces at `push()`: what the stream holds already first,
 * then every piece as the parser gives it, until the end, when the request
 * gets its own `push` back and ends as usual (`readableEnded`, `end`). Only
 * for an `IncomingMessage` still untouched by a reader (no `data` listener,
 * not flowing, `push` its prototype's); otherwise null, and the caller reads
 * the stream as a stream. Errors and `close` come as before, on the request.
 */
export function takeParserPushes(req: Readable, onPiece: (piece: Buffer) => void, onEnd: () => void): ParserPushes | null {
  const msg = req as IncomingMessage & { _read(n: number): void };
  if (!isUntouchedRequest(msg)) return null;
  let stopped = false;
  const finish = () => {
    // The request's own push back, and its end in its own state: `readableEnded` and `end` for anyone asking later.
    delete (msg as { push?: unknown }).push;
    Readable.prototype.push.call(msg, null);
    msg.resume();
    onEnd();
  };
  // What the parser pushed before now (while the request's headers were checked) is in the stream's buffer.
  for (let b = msg.read() as Buffer | null; b !== null; b = msg.read() as Buffer | null) onPiece(b);
  if (msg.complete && msg.readableLength === 0) {
    // The whole body had arrived: the parser's push(null) is behind us.
    msg.resume();
    onEnd();
    return { pause() {}, resume() {} };
  }
  msg.push = (piece: Buffer | null): boolean => {
    if (piece === null) {
      finish();
      return false;
    }
    onPiece(piece);
    return !stopped;
  };
  return {
    pause() {
      stopped = true;
    },
    resume() {
      if (!stopped) return;
      stopped = false;
      // IncomingMessage#_read starts the socket unless the server holds it (pipelining).
      msg._read(0);
    },
  };
}

function isUntouchedRequest(msg: IncomingMessage): boolean {
  return (
    typeof (msg as { complete?: unknown }).complete === 'boolean' &&
    msg.socket != null &&
    msg.push === Readable.prototype.push &&
    msg.readableFlowing !== true &&
    msg.listenerCount('data') === 0 &&
    !msg.readableEnded
  );
}

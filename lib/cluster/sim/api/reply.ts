/** Answers whose JSON text Pier's Node server may write as it is (node-entry.ts). */
const texts = new WeakMap<Response, string>();

/**
 * A JSON answer built as text (a list: the stored objects spliced in). Pier's
 * own Node server writes the text to the socket itself; Next.js (with
 * PIER_K8S_DIRECT=0) reads the body stream, which encodes the text only when
 * read. Building a Response from the string instead would encode and measure
 * a megabyte of pods every time, whichever path sends it.
 */
export function jsonText(text: string, status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(Buffer.from(text));
      controller.close();
    },
  });
  const response = new Response(body, { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
  texts.set(response, text);
  return response;
}

/** The text of a `jsonText` answer, or undefined for any other Response. */
export function textOf(response: Response): string | undefined {
  return texts.get(response);
}

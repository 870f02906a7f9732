// Reads a whole request body from gateway.input under a byte limit; knows nothing of media types.
import type { Environ } from "@patchbay/gateway";
import { HTTPBadRequest, HTTPPayloadTooLarge } from "./http-errors.js";

const EMPTY = new Uint8Array(0);

function tooLarge(limitBytes: number): HTTPPayloadTooLarge {
  return new HTTPPayloadTooLarge({ detail: `the request body is larger than the limit of ${limitBytes} bytes`, extensions: { limitBytes } });
}

/**
 * Reads the body into one byte array. A declared Content-Length over `limitBytes` fails at once (413)
 * without reading; a chunked body fails as soon as it passes the limit, so a large upload is never
 * buffered whole. A body that ends before its Content-Length is a 400.
 */
export async function readBody(environ: Environ, limitBytes: number): Promise<Uint8Array> {
  const declared = environ.CONTENT_LENGTH;
  if (declared !== undefined && declared !== "") {
    const length = Number(declared);
    if (length > limitBytes) throw tooLarge(limitBytes);
    if (length === 0) return EMPTY;
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of environ["gateway.input"]) {
      total += chunk.length;
      if (total > limitBytes) throw tooLarge(limitBytes);
      parts.push(chunk);
    }
  } catch (error) {
    if (error instanceof HTTPPayloadTooLarge) throw error;
    // A body cut short (the gateway's ERR_GATEWAY_INPUT_INCOMPLETE) is the client's fault, not ours.
    throw new HTTPBadRequest({ detail: "the request body could not be read completely", cause: error });
  }
  if (parts.length === 0) return EMPTY;
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts, total);
}

// Reads the request body from gateway.input within a byte limit; it never interprets the bytes.
import type { Environ } from "@patchbay/gateway";
import { RouteError } from "./errors.js";

function tooLarge(maxBytes: number): RouteError {
  return new RouteError("ERR_ROUTE_BODY_TOO_LARGE", `the request body is larger than this application's limit of ${maxBytes} bytes`);
}

/** True when the request declares a body: a non-zero Content-Length or a Transfer-Encoding (RFC 9112 §6.3). */
export function hasBody(environ: Environ): boolean {
  const length = environ.CONTENT_LENGTH;
  return (length !== undefined && length !== "" && length !== "0") || environ.HTTP_TRANSFER_ENCODING !== undefined;
}

/**
 * Yields the body's chunks, throwing ERR_ROUTE_BODY_TOO_LARGE (413) before reading anything when Content-Length
 * is over `maxBytes`, and as soon as a chunked body passes it.
 */
export async function* readBodyChunks(environ: Environ, maxBytes: number): AsyncGenerator<Uint8Array, void, undefined> {
  const declared = environ.CONTENT_LENGTH;
  if (declared !== undefined && declared !== "" && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  let total = 0;
  for await (const chunk of environ["gateway.input"]) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    yield chunk;
  }
}

const EMPTY = new Uint8Array(0);

/** Reads the whole body into one byte array, within `maxBytes` (see readBodyChunks). */
export async function readBody(environ: Environ, maxBytes: number): Promise<Uint8Array> {
  if (!hasBody(environ)) return EMPTY;
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of readBodyChunks(environ, maxBytes)) {
    parts.push(chunk);
    total += chunk.length;
  }
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts, total);
}

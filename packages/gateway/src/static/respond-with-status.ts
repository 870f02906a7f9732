/** Short plain-text responses the static layer answers itself (301, 403, 405, 412, 416). Knows no files. */
import { reasonPhrase } from "../status.js";
import type { Body, HeaderList, StartResponse } from "../types.js";

const BODIES = new Map<number, Uint8Array>();

function bodyFor(status: number): Uint8Array {
  let body = BODIES.get(status);
  if (body === undefined) {
    body = Buffer.from(`${status} ${reasonPhrase(status)}\n`, "latin1");
    BODIES.set(status, body);
  }
  return body;
}

/**
 * Starts a `status` response with a one-line text/plain body ("403 Forbidden\n") after `headers`
 * (e.g. Allow, Location, Content-Range). Content-Length is set, so HEAD gets the same head and no body.
 */
export function respondWithStatus(startResponse: StartResponse, status: number, headers: HeaderList = []): Body {
  const body = bodyFor(status);
  startResponse(`${status} ${reasonPhrase(status)}`, [...headers, ["Content-Type", "text/plain; charset=utf-8"], ["Content-Length", String(body.length)]]);
  return [body];
}

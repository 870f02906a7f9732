// Hands every request a `gateway.errors` stream whose text the matrix collects, so a scenario can see what an app reported; it changes nothing else.
import type { Middleware } from "@patchbay/gateway";
import { createErrorStream } from "@patchbay/gateway";

/**
 * Returns a middleware that replaces each environ's `gateway.errors` with one stream (shared by all
 * requests, so nothing is allocated per request) that hands each write to `write`. In-process servers
 * point `gateway.errors` at process.stderr, which the matrix cannot read back; in deployment that is
 * the same error log the server's logger writes.
 */
export function captureErrorStream(write: (text: string) => void): Middleware {
  const errors = createErrorStream(write);
  return (app) => (environ, startResponse) => {
    environ["gateway.errors"] = errors;
    return app(environ, startResponse);
  };
}

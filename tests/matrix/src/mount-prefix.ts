// A shift-path mount (wsgiref.util.shift_path_info's job): sends a path prefix to another app; it never routes further.
import type { Application, Middleware } from "@patchbay/gateway";
import { MatrixError } from "./errors.js";

/**
 * Returns a middleware that hands every request whose PATH_INFO is `prefix` or starts with `prefix/` to
 * `mounted`, with the prefix moved from PATH_INFO to the end of SCRIPT_NAME (PEP 3333: SCRIPT_NAME +
 * PATH_INFO stays the whole path); every other request reaches the wrapped app unchanged.
 * Throws MatrixError ERR_MATRIX_INVALID_OPTION unless `prefix` starts with "/" and does not end with "/".
 */
export function mountPrefix(prefix: string, mounted: Application): Middleware {
  if (!prefix.startsWith("/") || prefix.endsWith("/")) {
    throw new MatrixError("ERR_MATRIX_INVALID_OPTION", `a mount prefix starts with "/" and does not end with "/", got ${JSON.stringify(prefix)}`);
  }
  const below = `${prefix}/`;
  return (app: Application): Application =>
    (environ, startResponse) => {
      const path = environ.PATH_INFO;
      if (path !== prefix && !path.startsWith(below)) return app(environ, startResponse);
      environ.SCRIPT_NAME += prefix;
      environ.PATH_INFO = path.slice(prefix.length);
      return mounted(environ, startResponse);
    };
}

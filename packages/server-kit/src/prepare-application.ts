/**
 * Wraps an application the same way on every server: static files (document root and prefix mounts) in
 * front of it, and the --env keys added to each environ. Builds the wrapper once; adds nothing per request
 * when neither is configured.
 */
import type { Application } from "@patchbay/gateway";
import { serveStatic } from "@patchbay/gateway/static";
import type { ServerOptions } from "./server-types.js";

/** Adds fixed keys to every environ before the application sees it (--env KEY=VALUE). */
function injectEnviron(app: Application, environ: Readonly<Record<string, string>>): Application {
  const entries = Object.entries(environ);
  return (requestEnviron, startResponse) => {
    for (let index = 0; index < entries.length; index++) {
      const [key, value] = entries[index] as [string, string];
      requestEnviron[key] = value;
    }
    return app(requestEnviron, startResponse);
  };
}

/**
 * Returns the application a server should run: `app` with options.environ injected, behind serveStatic
 * when options.root or options.static is set (root: a GET/HEAD for an existing file is answered from disk,
 * everything else reaches the app). Throws the StaticError of serveStatic for a missing directory.
 */
export function prepareApplication(app: Application, options: Pick<ServerOptions, "root" | "static" | "staticCacheControl" | "environ">): Application {
  let prepared = Object.keys(options.environ).length === 0 ? app : injectEnviron(app, options.environ);
  if (options.root !== undefined || options.static.length > 0) {
    prepared = serveStatic({
      ...(options.root === undefined ? {} : { root: options.root }),
      mounts: options.static,
      ...(options.staticCacheControl === undefined ? {} : { cacheControl: options.staticCacheControl }),
    })(prepared);
  }
  return prepared;
}

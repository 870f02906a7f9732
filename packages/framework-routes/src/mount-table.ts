// The applications mounted under path prefixes, and the PATH_INFO → SCRIPT_NAME shift; no routing of its own.
import type { Application, Body, Environ, StartResponse } from "@patchbay/gateway";
import { RouteError } from "./errors.js";

interface Mount {
  readonly prefix: string;
  readonly application: Application;
}

/** Applications mounted at path prefixes ("/admin"); the longest matching prefix wins. */
export class MountTable {
  #mounts: readonly Mount[] = [];

  /** Mounts `application` at `prefix`: starts with "/", does not end with "/", no "<". Throws ERR_ROUTE_INVALID_OPTION. */
  add(prefix: string, application: Application): void {
    if (typeof prefix !== "string" || !prefix.startsWith("/") || prefix.endsWith("/") || prefix.includes("<")) {
      throw new RouteError("ERR_ROUTE_INVALID_OPTION", `a mount prefix starts with "/", does not end with "/" and has no parameters, got ${JSON.stringify(prefix)}`);
    }
    if (typeof application !== "function") throw new RouteError("ERR_ROUTE_INVALID_OPTION", `mount ${prefix} needs an Application function`);
    this.#mounts = [...this.#mounts, { prefix, application }].sort((left, right) => right.prefix.length - left.prefix.length);
  }

  /**
   * Runs the application mounted over PATH_INFO, if any, on a copy of the environ with the prefix moved from
   * PATH_INFO to SCRIPT_NAME (wsgiref's shift_path_info); undefined when no mount matches.
   */
  dispatch(environ: Environ, startResponse: StartResponse): Body | Promise<Body> | undefined {
    const pathInfo = environ.PATH_INFO;
    for (const { prefix, application } of this.#mounts) {
      if (pathInfo === prefix || (pathInfo.startsWith(prefix) && pathInfo.charCodeAt(prefix.length) === 47 /* "/" */)) {
        // A copy, not an edit: the caller (a validator, a middleware) may still read its own environ.
        return application({ ...environ, SCRIPT_NAME: environ.SCRIPT_NAME + prefix, PATH_INFO: pathInfo.slice(prefix.length) }, startResponse);
      }
    }
    return undefined;
  }

  /** True when nothing is mounted (the app then skips dispatch). */
  get isEmpty(): boolean {
    return this.#mounts.length === 0;
  }
}

/** The WHATWG fetch handler type both halves of the bridge speak. Types only. */

/** A WHATWG fetch handler: what runtimes and fetch-style frameworks call per request (Hono's `app.fetch`). */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

// A reference for the dispatch bench, not a framework: the least a router does for the hello route among 100 routes.
import type { Application, Environ, HeaderList } from "@patchbay/gateway";
import { fillerRoutes, HELLO_PATH, HELLO_TEXT } from "./hello-response.js";

const TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/** What a handler gets: the environ and its route's parameters. */
class MinimalRequest {
  readonly environ: Environ;
  readonly params: Readonly<Record<string, string>>;

  constructor(environ: Environ, params: Readonly<Record<string, string>>) {
    this.environ = environ;
    this.params = params;
  }
}

/** What a handler returns: a status, a fresh header list (middleware may push to it) and a text body. */
class MinimalResponse {
  readonly status = "200 OK";
  readonly headers: HeaderList;
  readonly body: string;

  constructor(body: string) {
    this.headers = [["Content-Type", TEXT_CONTENT_TYPE]];
    this.body = body;
  }
}

type Handler = (request: MinimalRequest) => MinimalResponse;

/**
 * Static paths in one Map, looked up with PATH_INFO; a request object, a response object with a fresh header
 * list, and the body as a string. No methods, parameters, hooks, errors or negotiation: what any framework
 * adds on top of this is its own cost. The 49 parameterised filler routes are not routable here (the hello
 * route never reaches them in a framework either: static paths are looked up first).
 */
export function createMinimalRouterApp(): Application {
  const routes = new Map<string, Handler>();
  for (const route of fillerRoutes()) if (route.parameter === undefined) routes.set(route.prefix, () => new MinimalResponse(route.prefix));
  routes.set(HELLO_PATH, () => new MinimalResponse(HELLO_TEXT));
  return (environ, startResponse) => {
    const handler = routes.get(environ.PATH_INFO);
    if (handler === undefined) {
      startResponse("404 Not Found", [["Content-Type", TEXT_CONTENT_TYPE]]);
      return ["Not Found\n"];
    }
    const response = handler(new MinimalRequest(environ, NO_PARAMS));
    startResponse(response.status, response.headers);
    return [response.body];
  };
}

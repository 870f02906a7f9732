// The hello route every bench app answers (path and body) and the filler routes registered around it; data only.

/** The path of the hello route. */
export const HELLO_PATH = "/hello";

/** The hello body: 13 bytes of text/plain, the same from every server, framework and baseline. */
export const HELLO_TEXT = "Hello, world!";

/** Routes registered in each framework app: the hello route and 99 fillers (issue 6: "among 100 routes"). */
export const ROUTE_COUNT = 100;

/** A filler route in a neutral notation; each framework writes `parameter` in its own pattern syntax. */
export interface FillerRoute {
  /** Literal path before the parameter, e.g. "/api/v1/orders-7". */
  prefix: string;
  /** Name of the one path parameter after `prefix/`, or undefined for a static route. */
  parameter: string | undefined;
}

/**
 * The 99 filler routes: alternately static ("/api/v1/items-N") and parameterised ("/api/v1/users-N/{id}"),
 * all under a common first segment so a router cannot skip them by their first segment alone.
 */
export function fillerRoutes(): FillerRoute[] {
  const routes: FillerRoute[] = [];
  for (let index = 0; routes.length < ROUTE_COUNT - 1; index++) {
    routes.push(index % 2 === 0 ? { prefix: `/api/v1/items-${index}`, parameter: undefined } : { prefix: `/api/v1/users-${index}`, parameter: "id" });
  }
  return routes;
}

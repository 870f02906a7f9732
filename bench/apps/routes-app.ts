// The framework-routes (RouteApp) bench app: the hello route among 100 registered routes.
import type { Application } from "@patchbay/gateway";
import { RouteApp, text } from "@patchbay/framework-routes";
import { fillerRoutes, HELLO_PATH, HELLO_TEXT } from "./hello-response.js";

/** Builds a RouteApp with the 99 filler routes, then GET /hello answering "Hello, world!" as text/plain. */
export function createRoutesApp(): Application {
  const routeApp = new RouteApp();
  for (const route of fillerRoutes()) {
    if (route.parameter === undefined) routeApp.get(route.prefix, () => text(route.prefix));
    else routeApp.get(`${route.prefix}/<${route.parameter}>`, ({ params }) => text(String(params[route.parameter as string])));
  }
  routeApp.get(HELLO_PATH, () => text(HELLO_TEXT));
  return routeApp.application;
}

/** The app the server bins load (`apps/routes-app.ts:app`). */
export const app: Application = createRoutesApp();

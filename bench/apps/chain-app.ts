// The framework-chain (ChainApp + Router) bench app: the hello route among 100 registered routes.
import type { Application } from "@patchbay/gateway";
import { ChainApp, Router } from "@patchbay/framework-chain";
import { fillerRoutes, HELLO_PATH, HELLO_TEXT } from "./hello-response.js";

/** Builds a ChainApp whose router holds the 99 filler routes, then GET /hello answering "Hello, world!" as text/plain. */
export function createChainApp(): Application {
  const router = new Router();
  for (const route of fillerRoutes()) {
    const pattern = route.parameter === undefined ? route.prefix : `${route.prefix}/:${route.parameter}`;
    router.get(pattern, (context) => {
      context.body = route.prefix;
    });
  }
  router.get(HELLO_PATH, (context) => {
    context.body = HELLO_TEXT; // text/plain: it does not start with "<"
  });
  const chainApp = new ChainApp();
  chainApp.use(router.routes()).use(router.allowedMethods());
  return chainApp.application;
}

/** The app the server bins load (`apps/chain-app.ts:app`). */
export const app: Application = createChainApp();

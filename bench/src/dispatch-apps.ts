// The apps the in-process dispatch bench measures, by name; it builds them and runs nothing.
import type { Application } from "@patchbay/gateway";
import { app as bareApp } from "../apps/bare-app.js";
import { app as bareTextApp } from "../apps/bare-text-app.js";
import { createChainApp } from "../apps/chain-app.js";
import { createMinimalRouterApp } from "../apps/minimal-router-app.js";
import { createResourcesApp } from "../apps/resources-app.js";
import { createRoutesApp } from "../apps/routes-app.js";

/** The baseline every framework figure is compared with: pre-encoded body, its own Content-Length. */
export const DISPATCH_BASELINE = "bare";

/**
 * App name → factory, in report order. "bare-text" shows the gateway's string path apart from any framework;
 * "minimal-router" the least any router costs (a floor for the frameworks, not a framework).
 */
export const DISPATCH_APPS: Readonly<Record<string, () => Application>> = {
  [DISPATCH_BASELINE]: () => bareApp,
  "bare-text": () => bareTextApp,
  "minimal-router": createMinimalRouterApp,
  routes: createRoutesApp,
  chain: createChainApp,
  resources: createResourcesApp,
};

/** The frameworks the ≤ 10 % target applies to (issue 6). */
export const DISPATCH_FRAMEWORKS: readonly string[] = ["routes", "chain", "resources"];

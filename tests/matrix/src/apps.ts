// The matrix's columns: every app that implements the contract, by name, with its factory and its module. It never starts a server.
import { fileURLToPath } from "node:url";
import type { Application } from "@patchbay/gateway";
import { createBareApplication } from "../apps/bare.js";
import { createChainApplication } from "../apps/chain.js";
import { createHonoApplication } from "../apps/hono.js";
import { createResourcesApplication } from "../apps/resources.js";
import { createRoutesApplication } from "../apps/routes.js";

/** One column of the matrix. */
export interface MatrixApp {
  /** Column name in test names and the grid. */
  readonly name: string;
  /** Builds a fresh instance of the app (in-process servers call it once per row × column). */
  readonly create: () => Application;
  /** Absolute path of the module that exports `create`, for servers that load apps by reference in other processes. */
  readonly modulePath: string;
  /** The name of `create` in that module. */
  readonly exportName: string;
}

function appModule(name: string): string {
  return fileURLToPath(new URL(`../apps/${name}.ts`, import.meta.url));
}

/** The columns, in grid order: the three frameworks, the bare gateway app, the foreign fetch app. */
export const MATRIX_APPS: readonly MatrixApp[] = [
  { name: "routes", create: createRoutesApplication, modulePath: appModule("routes"), exportName: "createRoutesApplication" },
  { name: "chain", create: createChainApplication, modulePath: appModule("chain"), exportName: "createChainApplication" },
  { name: "resources", create: createResourcesApplication, modulePath: appModule("resources"), exportName: "createResourcesApplication" },
  { name: "bare", create: createBareApplication, modulePath: appModule("bare"), exportName: "createBareApplication" },
  { name: "hono", create: createHonoApplication, modulePath: appModule("hono"), exportName: "createHonoApplication" },
];

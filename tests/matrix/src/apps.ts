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
  /** Builds a fresh, unvalidated instance of the app (in-process servers call it once per row × column). */
  readonly create: () => Application;
  /** The validated app as a module reference ("/abs/path/src/cluster-apps.ts:name"), for servers that load apps in other processes. */
  readonly reference: string;
}

/** The module that exports every matrix app, validated, by column name. */
const CLUSTER_APPS_MODULE = fileURLToPath(new URL("./cluster-apps.ts", import.meta.url));

/** The columns, in grid order: the three frameworks, the bare gateway app, the foreign fetch app. */
export const MATRIX_APPS: readonly MatrixApp[] = [
  { name: "routes", create: createRoutesApplication, reference: `${CLUSTER_APPS_MODULE}:routes` },
  { name: "chain", create: createChainApplication, reference: `${CLUSTER_APPS_MODULE}:chain` },
  { name: "resources", create: createResourcesApplication, reference: `${CLUSTER_APPS_MODULE}:resources` },
  { name: "bare", create: createBareApplication, reference: `${CLUSTER_APPS_MODULE}:bare` },
  { name: "hono", create: createHonoApplication, reference: `${CLUSTER_APPS_MODULE}:hono` },
];

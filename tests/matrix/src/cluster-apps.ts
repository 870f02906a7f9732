// The matrix apps as module exports, validated, for servers that load an app by reference in other processes (server-cluster's workers).
import type { Application } from "@patchbay/gateway";
import { createBareApplication } from "../apps/bare.js";
import { createChainApplication } from "../apps/chain.js";
import { createHonoApplication } from "../apps/hono.js";
import { createResourcesApplication } from "../apps/resources.js";
import { createRoutesApplication } from "../apps/routes.js";
import { validateMatrixApp } from "./validate-matrix-app.js";

/** framework-routes' app, validated ("src/cluster-apps.ts:routes"). */
export const routes: Application = validateMatrixApp(createRoutesApplication());
/** framework-chain's app, validated ("src/cluster-apps.ts:chain"). */
export const chain: Application = validateMatrixApp(createChainApplication());
/** framework-resources' app, validated ("src/cluster-apps.ts:resources"). */
export const resources: Application = validateMatrixApp(createResourcesApplication());
/** The bare gateway app, validated ("src/cluster-apps.ts:bare"). */
export const bare: Application = validateMatrixApp(createBareApplication());
/** The Hono app through fromFetchHandler, validated ("src/cluster-apps.ts:hono"). */
export const hono: Application = validateMatrixApp(createHonoApplication());

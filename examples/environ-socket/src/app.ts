// The environ-socket example's application: the tutorial's first app, a bare gateway Application. Server-neutral.
import { environApp, type Application } from "@patchbay/gateway";
import { greetingApp } from "./greeting-app.js";

/**
 * The application the start script serves (`patchbay-socket src/app.ts:app`): the tutorial's environ
 * dump, `environApp` from @patchbay/gateway, unchanged. It answers every path and method with
 * `200 OK`, `Content-Type: text/html`, the environ printed the way Python prints a dict, a greeting and
 * the time.
 */
export const app: Application = environApp;

/** The same contract written out by hand, for reading: `patchbay-socket src/app.ts:greeting`. */
export const greeting: Application = greetingApp;

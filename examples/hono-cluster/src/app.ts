// The hono-cluster example's application: the Hono app as a gateway Application. Server-neutral: no server import.
import { fromFetchHandler, type Application } from "@patchbay/gateway";
import { createHonoApp } from "./hono-app.js";

/**
 * The application the start script serves (`patchbay-cluster src/app.ts:app`): Hono's `fetch` handler
 * through the gateway's fetch bridge. Each request becomes a WHATWG Request, and the Response's status,
 * headers and streamed body go back through startResponse, with no full buffering.
 */
export const app: Application = fromFetchHandler(createHonoApp().fetch);

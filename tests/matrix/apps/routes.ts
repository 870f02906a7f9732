// The matrix contract in framework-routes' idiom (route functions, Bottle/Flask style), mounted again under MOUNT_PREFIX with the framework's own mount.
import type { Application } from "@patchbay/gateway";
import { RouteApp, html, json, stream, text } from "@patchbay/framework-routes";
import { BOOM_MESSAGE, HELLO_HTML, MOUNT_PREFIX, greeting, pickEchoedEnviron, streamChunkCount } from "../src/contract.js";
import { hashBody } from "../src/hash-body.js";
import { largeBody } from "../src/large-body.js";
import { streamChunks } from "../src/stream-chunks.js";

function createContractRoutes(): RouteApp {
  const app = new RouteApp();
  app.get("/", () => html(HELLO_HTML));
  app.get("/echo-environ", (request) => json(pickEchoedEnviron(request.environ)));
  app.get("/json", (request) => json(greeting(request.query.get("name"))));
  app.get("/files/<name>", ({ params }) => text(params.name));
  // request.input is the raw gateway.input: no body limit, read as it arrives (the 10 MB upload).
  app.post("/upload", async (request) => json(await hashBody(request.input)));
  app.get("/stream", (request) => stream(streamChunks(streamChunkCount(request.query.get("chunks"))), { headers: { "Content-Type": "text/plain; charset=utf-8" } }));
  app.get("/large", () => largeBody());
  app.get("/boom", () => {
    throw new Error(BOOM_MESSAGE);
  });
  return app;
}

/** Builds the routes app: the contract at the root, and a second instance mounted at MOUNT_PREFIX (`app.mount`). */
export function createRoutesApplication(): Application {
  const app = createContractRoutes();
  app.mount(MOUNT_PREFIX, createContractRoutes());
  return app.application;
}

// The matrix contract in framework-chain's idiom (Koa-style middleware and a Router), mounted again under MOUNT_PREFIX by a shift-path middleware.
import type { Application } from "@patchbay/gateway";
import { ChainApp, Router } from "@patchbay/framework-chain";
import { BOOM_MESSAGE, HELLO_HTML, MOUNT_PREFIX, greeting, pickEchoedEnviron, streamChunkCount } from "../src/contract.js";
import { hashBody } from "../src/hash-body.js";
import { largeBody } from "../src/large-body.js";
import { mountPrefix } from "../src/mount-prefix.js";
import { streamChunks } from "../src/stream-chunks.js";

function createContractChain(): Application {
  const router = new Router();
  router.get("/", (ctx) => {
    ctx.type = "html";
    ctx.body = HELLO_HTML;
  });
  router.get("/echo-environ", (ctx) => {
    ctx.body = pickEchoedEnviron(ctx.environ);
  });
  router.get("/json", (ctx) => {
    const name = ctx.query.name;
    ctx.body = greeting(typeof name === "string" ? name : undefined);
  });
  router.get("/files/:name", (ctx) => {
    ctx.type = "text";
    ctx.body = ctx.params.name;
  });
  // No bodyParser: ctx.request.stream is the raw gateway.input, hashed as it arrives (the 10 MB upload).
  router.post("/upload", async (ctx) => {
    ctx.body = await hashBody(ctx.request.stream);
  });
  router.get("/stream", (ctx) => {
    const chunks = ctx.query.chunks;
    ctx.type = "text";
    ctx.body = streamChunks(streamChunkCount(typeof chunks === "string" ? chunks : undefined));
  });
  router.get("/large", (ctx) => {
    ctx.body = largeBody();
  });
  router.get("/boom", () => {
    throw new Error(BOOM_MESSAGE);
  });
  const app = new ChainApp();
  app.use(router.routes()).use(router.allowedMethods());
  return app.application;
}

/** Builds the chain app: the contract at the root, and a second chain mounted at MOUNT_PREFIX (no koa-mount here, so the matrix's shift-path middleware). */
export function createChainApplication(): Application {
  return mountPrefix(MOUNT_PREFIX, createContractChain())(createContractChain());
}

// The matrix contract as a foreign fetch-style app (Hono, in Hono's own idioms), run on our servers through fromFetchHandler.
import type { Application } from "@patchbay/gateway";
import { fromFetchHandler } from "@patchbay/gateway";
import { Hono } from "hono";
import { streamText } from "hono/streaming";
import { BOOM_MESSAGE, HELLO_HTML, MOUNT_PREFIX, greeting, streamChunk, streamChunkCount } from "../src/contract.js";
import type { EchoedEnviron } from "../src/contract.js";
import { hashBody } from "../src/hash-body.js";
import { largeBody } from "../src/large-body.js";

/** Rethrows an app error out of `fetch`, so the server's writer answers 500 and logs it (Hono's default would console.error it). */
function rethrow(error: Error): never {
  throw error;
}

/** 405 with Allow (RFC 9110 §15.5.6): Hono answers 404 for a known path with an unknown method, so each route says it. */
function methodNotAllowed(allow: string): Response {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: allow, "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * The contract as a Hono app served below `base` ("" at the root). A fetch handler sees a URL, not
 * SCRIPT_NAME/PATH_INFO, so /echo-environ reports the split a mounted fetch app knows: its mount base,
 * and the percent-decoded rest of the path.
 */
function createContractHono(base: string): Hono {
  const app = new Hono();
  app.onError(rethrow);
  app.get("/", (c) => c.html(HELLO_HTML));
  app.get("/echo-environ", (c) => {
    const url = new URL(c.req.url);
    const echoed: EchoedEnviron = {
      REQUEST_METHOD: c.req.method,
      SCRIPT_NAME: base,
      PATH_INFO: decodeURIComponent(url.pathname).slice(base.length),
      QUERY_STRING: url.search.slice(1),
    };
    return c.json(echoed);
  });
  app.get("/json", (c) => c.json(greeting(c.req.query("name"))));
  app.all("/json", () => methodNotAllowed("GET, HEAD"));
  app.get("/files/:name", (c) => c.text(c.req.param("name")));
  // The request body streams in through the bridge (gateway.input → ReadableStream), hashed as it arrives.
  app.post("/upload", async (c) => c.json(c.req.raw.body === null ? await hashBody([]) : await hashBody(c.req.raw.body)));
  app.get("/stream", (c) =>
    streamText(c, async (stream) => {
      const count = streamChunkCount(c.req.query("chunks"));
      for (let index = 0; index < count; index++) {
        // One chunk per event-loop turn, like the gateway apps' generator, so the body really streams.
        if (index > 0) await stream.sleep(0);
        await stream.write(streamChunk(index));
      }
    }),
  );
  app.get("/large", (c) => c.body(largeBody(), 200, { "Content-Type": "application/octet-stream" }));
  app.get("/boom", () => {
    throw new Error(BOOM_MESSAGE);
  });
  return app;
}

/** Builds the Hono app (the contract at the root, and under MOUNT_PREFIX by Hono's own `app.route`) as a gateway Application. */
export function createHonoApplication(): Application {
  const app = createContractHono("");
  app.route(MOUNT_PREFIX, createContractHono(MOUNT_PREFIX));
  return fromFetchHandler(app.fetch);
}

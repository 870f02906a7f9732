// A Hono app written for the fetch standard, with no patchbay import: the "foreign" app the bridge runs.
import { Hono } from "hono";
import { streamText } from "hono/streaming";

/** Lines the /stream route sends, one per STREAM_INTERVAL_MS. */
export const STREAM_LINES = 3;
/** Pause between streamed lines, so a client sees them arrive one by one. */
export const STREAM_INTERVAL_MS = 100;

/**
 * Builds the Hono app: an HTML home page, a JSON greeting, a JSON echo, which process answered (to see
 * the cluster's workers take turns), a streamed text response, and JSON 404s. It knows nothing of
 * patchbay: the same object runs on Bun, Deno or Workers through its `fetch`.
 */
export function createHonoApp(): Hono {
  const app = new Hono();

  app.get("/", (context) => context.html("<!doctype html><title>Hono on patchbay</title><h1>Hello from Hono on patchbay</h1>\n"));

  app.get("/api/greet/:name", (context) => context.json({ greeting: `Hello, ${context.req.param("name")}!` }));

  app.post("/api/echo", async (context) => {
    let body: unknown;
    try {
      body = await context.req.json();
    } catch {
      return context.json({ error: "send a JSON body" }, 400);
    }
    return context.json({ received: body, contentType: context.req.header("content-type") ?? null }, 201);
  });

  app.get("/api/process", (context) => context.json({ pid: process.pid }));

  app.get("/stream", (context) =>
    streamText(context, async (stream) => {
      for (let line = 1; line <= STREAM_LINES; line++) {
        await stream.writeln(`line ${line}`);
        if (line < STREAM_LINES) await stream.sleep(STREAM_INTERVAL_MS);
      }
    }),
  );

  app.notFound((context) => context.json({ error: "not found", path: context.req.path }, 404));
  return app;
}

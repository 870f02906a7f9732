// requestLogger() in memory: one line per request, with the status of a thrown error too.
import { ChainApp } from "@patchbay/framework-chain";
import { callApp } from "@patchbay/gateway";
import { describe, expect, it } from "vitest";
import { requestLogger } from "../src/request-logger.js";

function appLogging(lines: string[]) {
  const app = new ChainApp();
  app.use(requestLogger((line) => void lines.push(line)));
  app.use((context) => {
    if (context.path === "/teapot") context.throw(418);
    if (context.path === "/bug") throw new TypeError("boom");
    if (context.path === "/ok") context.body = "ok";
  });
  return app.application;
}

describe("requestLogger", () => {
  it("logs client, request line, status and duration", async () => {
    const lines: string[] = [];
    const app = appLogging(lines);
    await callApp(app, { url: "/ok?x=1", environ: { REMOTE_ADDR: "10.0.0.7" } });
    await callApp(app, { url: "/nothing", environ: { REMOTE_ADDR: "10.0.0.7" } });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^10\.0\.0\.7 "GET \/ok\?x=1" 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(/^10\.0\.0\.7 "GET \/nothing" 404 /);
  });

  it("logs the status the error boundary will answer when the chain throws", async () => {
    const lines: string[] = [];
    const app = appLogging(lines);
    const teapot = await callApp(app, { url: "/teapot" });
    const bug = await callApp(app, { url: "/bug", environ: { "gateway.errors": { write: () => undefined, flush: () => undefined } } });
    expect([teapot.status, bug.status]).toEqual([418, 500]);
    expect(lines[0]).toMatch(/"GET \/teapot" 418 /);
    expect(lines[1]).toMatch(/"GET \/bug" 500 /);
  });
});

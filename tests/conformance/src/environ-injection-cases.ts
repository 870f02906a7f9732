/** Conformance cases: options.environ (--env KEY=VALUE) reaches every request's environ, and static files still work beside it. */
import { describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { startTestServer } from "./test-server.js";

const injectedApp: Application = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [JSON.stringify({ mode: environ["app.mode"] ?? null, region: environ.DEPLOY_REGION ?? null, method: environ.REQUEST_METHOD })];
};

/** Registers the environ-injection cases for `target`. */
export function defineEnvironInjectionCases(target: ServerConformanceTarget): void {
  describe("environ injection", () => {
    it("adds options.environ keys to every request", async () => {
      const server = await startTestServer(target, injectedApp, { environ: { "app.mode": "test", DEPLOY_REGION: "eu-1" } });
      for (const method of ["GET", "POST"]) {
        const response = await fetch(server.url("/"), { method, ...(method === "POST" ? { body: "x" } : {}) });
        expect(await response.json()).toEqual({ mode: "test", region: "eu-1", method });
      }
    });

    it("adds nothing when options.environ is not given", async () => {
      const server = await startTestServer(target, injectedApp);
      expect(await (await fetch(server.url("/"))).json()).toEqual({ mode: null, region: null, method: "GET" });
    });
  });
}

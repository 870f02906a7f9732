import { describe, expect, it } from "vitest";
import { createServer as createLoopServer } from "@patchbay/server-loop";
import * as socketPackage from "@patchbay/server-socket";
import { loadEngine } from "../src/engine.js";

describe("loadEngine", () => {
  it("returns server-loop's createServer for 'loop'", async () => {
    expect(await loadEngine("loop")).toBe(createLoopServer);
  });

  it("returns server-socket's createServer for 'socket' once it exists, else says it is not available", async () => {
    const exported = (socketPackage as Record<string, unknown>).createServer;
    const outcome = await loadEngine("socket").catch((error: unknown) => error);
    const unavailable = expect.objectContaining({ code: "ERR_CLUSTER_ENGINE_UNAVAILABLE", message: "engine 'socket' is not available: @patchbay/server-socket does not export createServer" });
    expect(outcome).toEqual(typeof exported === "function" ? exported : unavailable);
  });
});

// The Hono app through the fetch bridge without a socket (callApp), and on server-loop unchanged.
import { callApp } from "@patchbay/gateway";
import { createLogger } from "@patchbay/server-kit";
import { serve } from "@patchbay/server-loop";
import { describe, expect, it } from "vitest";
import { app } from "../src/app.js";
import { createHonoApp } from "../src/hono-app.js";

describe("the Hono app", () => {
  it("answers on its own, through Hono's request() (no patchbay involved)", async () => {
    const response = await createHonoApp().request("/api/greet/Grace");
    expect(await response.json()).toEqual({ greeting: "Hello, Grace!" });
  });

  it("runs as a gateway Application: status, headers, body and the streamed lines", async () => {
    const greeting = await callApp(app, { url: "/api/greet/Grace" });
    expect(greeting.status).toBe(200);
    expect(greeting.header("content-type")).toBe("application/json");
    expect(greeting.text).toBe('{"greeting":"Hello, Grace!"}');

    const streamed = await callApp(app, { url: "/stream" });
    expect(streamed.text).toBe("line 1\nline 2\nline 3\n");

    const echoed = await callApp(app, { method: "POST", url: "/api/echo", headers: { "Content-Type": "application/json" }, body: "[1,2]" });
    expect(echoed.status).toBe(201);
    expect(JSON.parse(echoed.text)).toEqual({ received: [1, 2], contentType: "application/json" });
  });

  it("runs unchanged on server-loop", async () => {
    const logLines: string[] = [];
    const server = await serve(app, { host: "127.0.0.1", port: 0, logger: createLogger({ level: "warning", write: (line) => void logLines.push(line) }) });
    try {
      const [address] = server.addresses;
      if (address === undefined) throw new Error("server-loop bound no address");
      const response = await fetch(`${address.url}/nowhere`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "not found", path: "/nowhere" });
      expect(logLines).toEqual([]);
    } finally {
      await server.close(1000);
    }
  });
});

// Tests for context.ts: shortcuts, ctx.throw, ctx.assert and ctx.redirect.
import { createEmptyInputStream, createEnviron, type Environ } from "@patchbay/gateway";
import { describe, expect, test } from "vitest";
import { Context } from "../src/context.js";
import { appWith, send } from "./harness.js";

function environFor(target: string, rawHeaders: string[] = [], method = "GET"): Environ {
  return createEnviron({
    method,
    target,
    protocol: "HTTP/1.1",
    rawHeaders,
    remoteAddress: "127.0.0.1",
    remotePort: 5000,
    serverName: "localhost",
    serverPort: 8080,
    input: createEmptyInputStream(),
  });
}

describe("Context shortcuts", () => {
  test("request shortcuts read the environ", () => {
    const ctx = new Context(environFor("/a%20b?x=1&x=2&y=3", ["X-Trace", "t1"], "PATCH"));
    expect(ctx.method).toBe("PATCH");
    expect(ctx.path).toBe("/a b");
    expect(ctx.querystring).toBe("x=1&x=2&y=3");
    expect(ctx.query).toEqual({ x: ["1", "2"], y: "3" });
    expect(ctx.url).toBe("/a%20b?x=1&x=2&y=3");
    expect(ctx.get("x-trace")).toBe("t1");
    expect(ctx.headers["x-trace"]).toBe("t1");
  });

  test("ctx.request is one object per context, built from its environ", () => {
    const environ = environFor("/x");
    const ctx = new Context(environ);
    expect(ctx.request).toBe(ctx.request);
    expect(ctx.request.environ).toBe(environ);
    ctx.request.body = { parsed: true };
    expect(ctx.request.body).toEqual({ parsed: true });
    expect(new Context(environ).request).not.toBe(ctx.request);
  });

  test("response shortcuts write ctx.response", () => {
    const ctx = new Context(environFor("/"));
    ctx.status = 201;
    ctx.type = "json";
    ctx.body = { ok: true };
    ctx.set("X-One", "1");
    ctx.set({ "X-Two": "2", "X-Three": 3 });
    ctx.append("X-One", "again");
    ctx.remove("X-Two");
    expect(ctx.response.status).toBe(201);
    expect(ctx.type).toBe("application/json");
    expect(ctx.response.body).toEqual({ ok: true });
    expect(ctx.response.toHeaderList()).toEqual([
      ["Content-Type", "application/json; charset=utf-8"],
      ["X-One", "1"],
      ["X-One", "again"],
      ["X-Three", "3"],
    ]);
  });

  test("state starts empty per request; params start empty", () => {
    const ctx = new Context(environFor("/"));
    expect(ctx.state).toEqual({});
    expect(ctx.params).toEqual({});
    expect(ctx.matchedRoute).toBeUndefined();
  });

  test("state keeps what middleware put there, and may be replaced", () => {
    const ctx = new Context<{ user?: string }>(environFor("/"));
    ctx.state.user = "ada";
    expect(ctx.state).toEqual({ user: "ada" });
    const replacement = { user: "grace" };
    ctx.state = replacement;
    expect(ctx.state).toBe(replacement);
  });
});

describe("ctx.throw and ctx.assert", () => {
  test("throw raises an HttpError with status, message and expose", () => {
    const ctx = new Context(environFor("/"));
    expect(() => ctx.throw(404, "no such user")).toThrow(expect.objectContaining({ code: "ERR_CHAIN_HTTP", status: 404, message: "no such user", expose: true }));
    expect(() => ctx.throw(500)).toThrow(expect.objectContaining({ status: 500, message: "Internal Server Error", expose: false }));
    expect(() => ctx.throw(400, "shown", { expose: false })).toThrow(expect.objectContaining({ expose: false }));
  });

  test("throw refuses a status that is not an error status", () => {
    const ctx = new Context(environFor("/"));
    expect(() => ctx.throw(302)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_STATUS" }));
  });

  test("assert throws only on a falsy condition", async () => {
    const app = appWith((ctx) => {
      const id = ctx.query.id;
      ctx.assert(typeof id === "string", 422, "id is required");
      ctx.body = String(id).toUpperCase();
    });
    expect((await send(app, { url: "/?id=ab" })).text).toBe("AB");
    const failed = await send(app, { url: "/" });
    expect(failed.status).toBe(422);
    expect(failed.text).toBe("id is required");
  });
});

describe("ctx.redirect", () => {
  test("302 with Location and a short text body", async () => {
    const response = await send(appWith((ctx) => ctx.redirect("/login?next=/a b")));
    expect(response.status).toBe(302);
    expect(response.header("location")).toBe("/login?next=/a%20b");
    expect(response.text).toBe("Redirecting to /login?next=/a b.");
  });

  test("keeps an explicit 3xx status", async () => {
    const response = await send(appWith((ctx) => {
      ctx.status = 301;
      ctx.redirect("https://example.com/");
    }));
    expect(response.status).toBe(301);
    expect(response.header("location")).toBe("https://example.com/");
  });

  test('"back" uses the Referer, else the fallback', async () => {
    const app = appWith((ctx) => ctx.redirect("back", "/home"));
    expect((await send(app, { headers: { Referer: "/previous" } })).header("location")).toBe("/previous");
    expect((await send(app)).header("location")).toBe("/home");
  });

  test("percent-encodes non-ASCII and keeps existing escapes", async () => {
    const response = await send(appWith((ctx) => ctx.redirect("/café/%41\ud800")));
    expect(response.header("location")).toBe("/caf%C3%A9/%41%EF%BF%BD");
  });
});

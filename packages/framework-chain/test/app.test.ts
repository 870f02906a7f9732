// Tests for app.ts: the onion flow, app.application, the environ dump route, and the error boundary with its "error" hook.
import { createEmptyInputStream, createEnviron, type Environ, type StartResponse } from "@patchbay/gateway";
import { describe, expect, test } from "vitest";
import { ChainApp } from "../src/app.js";
import type { Context } from "../src/context.js";
import { HttpError } from "../src/errors.js";
import { Router } from "../src/router.js";
import { appWith, send } from "./harness.js";

/** The tutorial's environ dump, chain style: every environ key the app was given, one "KEY: value" line each. */
function environDump(ctx: Context): void {
  const lines = Object.keys(ctx.environ)
    .sort()
    .map((key) => {
      const value = ctx.environ[key];
      return `${key}: ${typeof value === "string" ? value : typeof value === "object" && value !== null ? (Array.isArray(value) ? value.join(".") : "<object>") : String(value)}`;
    });
  ctx.type = "text";
  ctx.body = `${lines.join("\n")}\nHello world from a simple chain application!\n`;
}

/** A GET / environ built the way a server builds one. */
function plainEnviron(): Environ {
  return createEnviron({
    method: "GET",
    target: "/",
    protocol: "HTTP/1.1",
    rawHeaders: [],
    remoteAddress: "127.0.0.1",
    remotePort: 40_000,
    serverName: "localhost",
    serverPort: 80,
    input: createEmptyInputStream(),
  });
}

describe("ChainApp", () => {
  test("app.application is one gateway Application for the app's whole life", () => {
    const app = new ChainApp();
    expect(typeof app.application).toBe("function");
    expect(app.application).toBe(app.application);
  });

  test("middleware run down and back up around one shared context", async () => {
    const app = appWith(
      async (ctx, next) => {
        ctx.state.trail = ["outer in"];
        await next();
        (ctx.state.trail as string[]).push("outer out");
        ctx.body = ctx.state.trail;
      },
      async (ctx, next) => {
        (ctx.state.trail as string[]).push("inner in");
        await next();
        (ctx.state.trail as string[]).push("inner out");
      },
    );
    const response = await send(app);
    expect(JSON.parse(response.text)).toEqual(["outer in", "inner in", "inner out", "outer out"]);
  });

  test("upstream middleware can change what downstream set (e.g. add a timing header)", async () => {
    const app = appWith(
      async (ctx, next) => {
        await next();
        ctx.set("X-Seen-Status", String(ctx.status));
        ctx.body = `${String(ctx.body)}!`;
      },
      (ctx) => {
        ctx.body = "hello";
      },
    );
    const response = await send(app);
    expect(response.text).toBe("hello!");
    expect(response.header("x-seen-status")).toBe("200");
  });

  test("nothing sets a body: 404 Not Found, text/plain", async () => {
    const response = await send(new ChainApp());
    expect(response.status).toBe(404);
    expect(response.text).toBe("Not Found");
    expect(response.header("content-type")).toBe("text/plain; charset=utf-8");
  });

  test("use() after requests started takes effect on the next request", async () => {
    const app = new ChainApp();
    expect((await send(app)).status).toBe(404);
    app.use((ctx) => {
      ctx.body = "late";
    });
    expect((await send(app)).text).toBe("late");
  });

  test("a chain that finishes synchronously answers within the call; an async one through a promise", async () => {
    const started: string[] = [];
    const startResponse: StartResponse = (status) => {
      started.push(status);
      return () => undefined;
    };
    const syncApp = appWith((ctx) => {
      ctx.body = "now";
    });
    const syncBody = syncApp.application(plainEnviron(), startResponse);
    expect(syncBody).toEqual(["now"]);
    expect(started).toEqual(["200 OK"]);
    const asyncApp = appWith(async (ctx) => {
      await Promise.resolve();
      ctx.body = "later";
    });
    const asyncBody = asyncApp.application(plainEnviron(), startResponse);
    expect(asyncBody).toBeInstanceOf(Promise);
    expect(await asyncBody).toEqual(["later"]);
    expect(started).toEqual(["200 OK", "200 OK"]);
  });

  test("use() and on() refuse what they cannot run", () => {
    const app = new ChainApp();
    expect(() => app.use("nope" as never)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
    expect(() => app.on("close" as never, () => undefined)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
    expect(() => app.on("error", 5 as never)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
  });

  test("a route returning the environ it was given (the tutorial's environ dump)", async () => {
    const router = new Router().get("/environ", environDump);
    const app = new ChainApp().use(router.routes());
    const response = await send(app, { url: "/environ?x=1", headers: { "X-Custom": "abc", "Accept-Language": "fr" } });
    expect(response.status).toBe(200);
    const lines = response.text.split("\n");
    expect(lines).toContain("REQUEST_METHOD: GET");
    expect(lines).toContain("PATH_INFO: /environ");
    expect(lines).toContain("QUERY_STRING: x=1");
    expect(lines).toContain("HTTP_X_CUSTOM: abc");
    expect(lines).toContain("HTTP_ACCEPT_LANGUAGE: fr");
    expect(lines).toContain("gateway.version: 1.0");
    expect(lines).toContain("gateway.url_scheme: http");
    expect(lines).toContain("gateway.input: <object>");
    expect(response.text).toContain("Hello world from a simple chain application!");
    // The same environ object the server built reached the middleware.
    expect(response.environ.HTTP_X_CUSTOM).toBe("abc");
  });
});

describe("the error boundary", () => {
  test("an HTTP error answers its status with its message (exposed for 4xx)", async () => {
    const response = await send(appWith((ctx) => ctx.throw(403, "no entry")));
    expect(response.status).toBe(403);
    expect(response.text).toBe("no entry");
    expect(response.header("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.errorLog).toEqual([]);
  });

  test("a 5xx HTTP error hides its message and is reported", async () => {
    const reported: unknown[] = [];
    const app = appWith((ctx) => ctx.throw(503, "database password is hunter2"));
    app.on("error", (error) => reported.push(error));
    const response = await send(app);
    expect(response.status).toBe(503);
    expect(response.text).toBe("Service Unavailable");
    expect(reported).toHaveLength(1);
  });

  test("any other error answers 500 with no detail and no stack, and goes to the error listeners", async () => {
    const reported: [unknown, string][] = [];
    const app = appWith(() => {
      throw new Error("secret internals at /srv/app.js:12");
    });
    app.on("error", (error, ctx) => reported.push([error, ctx.path]));
    const response = await send(app, { url: "/boom" });
    expect(response.status).toBe(500);
    expect(response.text).toBe("Internal Server Error");
    expect(response.text).not.toContain("secret");
    expect(reported).toEqual([[expect.objectContaining({ message: "secret internals at /srv/app.js:12" }), "/boom"]]);
  });

  test("without listeners, errors are written with their stack to gateway.errors", async () => {
    const response = await send(appWith(() => {
      throw new TypeError("kaput");
    }), { url: "/here" });
    expect(response.status).toBe(500);
    const log = response.errorLog.join("");
    expect(log).toContain("framework-chain: error in GET /here");
    expect(log).toContain("TypeError: kaput");
    expect(log).toContain("app.test.ts");
  });

  test("a thrown non-Error value answers 500", async () => {
    const response = await send(appWith(() => {
      throw "just a string";
    }));
    expect(response.status).toBe(500);
    expect(response.errorLog.join("")).toContain("just a string");
  });

  test("an error thrown by a listener is logged, not raised", async () => {
    const app = appWith(() => {
      throw new Error("first");
    });
    app.on("error", () => {
      throw new Error("listener broke");
    });
    const response = await send(app);
    expect(response.status).toBe(500);
    expect(response.errorLog.join("")).toContain("listener broke");
  });

  test("a foreign error with status and expose is honoured (Koa's http-errors convention)", async () => {
    const response = await send(appWith(() => {
      throw Object.assign(new Error("Teapot says no"), { status: 418, expose: true });
    }));
    expect(response.status).toBe(418);
    expect(response.text).toBe("Teapot says no");
  });

  test("a foreign error with a 4xx status but no expose keeps its message private", async () => {
    const response = await send(appWith(() => {
      throw Object.assign(new Error("private detail"), { status: 404 });
    }));
    expect(response.status).toBe(404);
    expect(response.text).toBe("Not Found");
  });

  test("the error response drops headers set before the error but keeps the error's own", async () => {
    const app = appWith(async (ctx) => {
      ctx.set("X-Before", "1");
      throw new HttpError(401, "log in first", { headers: { "WWW-Authenticate": 'Basic realm="app"', "Bad Header": "x" } });
    });
    const response = await send(app);
    expect(response.status).toBe(401);
    expect(response.header("x-before")).toBeUndefined();
    expect(response.header("www-authenticate")).toBe('Basic realm="app"');
    expect(response.header("bad header")).toBeUndefined();
  });

  test("upstream middleware may catch a downstream error and answer itself", async () => {
    const app = appWith(
      async (ctx, next) => {
        try {
          await next();
        } catch (error) {
          ctx.status = 502;
          ctx.body = { failed: (error as Error).message };
        }
      },
      () => {
        throw new Error("upstream service down");
      },
    );
    const response = await send(app);
    expect(response.status).toBe(502);
    expect(JSON.parse(response.text)).toEqual({ failed: "upstream service down" });
  });

  test("next() called twice answers 500 with ERR_CHAIN_NEXT_CALLED_TWICE reported", async () => {
    const reported: unknown[] = [];
    const app = appWith(async (_ctx, next) => {
      await next();
      await next();
    });
    app.on("error", (error) => reported.push(error));
    const response = await send(app);
    expect(response.status).toBe(500);
    expect(reported).toEqual([expect.objectContaining({ code: "ERR_CHAIN_NEXT_CALLED_TWICE" })]);
  });

  test("a body JSON cannot represent answers 500 (ERR_CHAIN_INVALID_BODY), not a crash", async () => {
    const reported: unknown[] = [];
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const app = appWith((ctx) => {
      ctx.body = circular;
    });
    app.on("error", (error) => reported.push(error));
    const response = await send(app);
    expect(response.status).toBe(500);
    expect(reported).toEqual([expect.objectContaining({ code: "ERR_CHAIN_INVALID_BODY" })]);
  });

  test("a failing stream after the head aborts the response and is reported", async () => {
    const reported: unknown[] = [];
    async function* failing(): AsyncGenerator<string> {
      yield "partial";
      throw new Error("disk gone");
    }
    const app = appWith((ctx) => {
      ctx.body = failing();
    });
    app.on("error", (error) => reported.push(error));
    const response = await send(app);
    expect(response.status).toBe(200);
    expect(response.aborted).toBe(true);
    expect((reported[0] as Error).message).toBe("disk gone");
  });

  test("the environ reaches listeners through the context", async () => {
    const seen: Environ[] = [];
    const app = appWith(() => {
      throw new Error("x");
    });
    app.on("error", (_error, ctx) => seen.push(ctx.environ));
    const response = await send(app);
    expect(seen[0]).toBe(response.environ);
  });
});

// Tests for router.ts: dispatch, params, HEAD, all(), prefixes, nesting and allowedMethods().
import { describe, expect, test } from "vitest";
import { ChainApp } from "../src/app.js";
import { RESOLVED } from "../src/compose.js";
import type { ChainMiddleware, Context } from "../src/context.js";
import { Router } from "../src/router.js";
import { send } from "./harness.js";

function mount(router: Router): ChainApp {
  return new ChainApp().use(router.routes()).use(router.allowedMethods());
}

const echoRoute: ChainMiddleware = (ctx) => {
  ctx.body = { route: ctx.matchedRoute, params: { ...ctx.params }, method: ctx.method };
};

describe("Router dispatch", () => {
  test("routes by method and path and sets ctx.params and ctx.matchedRoute", async () => {
    const router = new Router().get("/users/:id", echoRoute).post("/users", echoRoute);
    const app = mount(router);
    const got = await send(app, { url: "/users/42" });
    expect(JSON.parse(got.text)).toEqual({ route: "/users/:id", params: { id: "42" }, method: "GET" });
    const posted = await send(app, { method: "POST", url: "/users", headers: { "Content-Length": "0" } });
    expect(JSON.parse(posted.text)).toEqual({ route: "/users", params: {}, method: "POST" });
  });

  test("params are percent-decoded (they come from PATH_INFO)", async () => {
    const app = mount(new Router().get("/tags/:name", echoRoute));
    const response = await send(app, { url: "/tags/caf%C3%A9%20au%20lait" });
    expect(JSON.parse(response.text).params).toEqual({ name: "café au lait" });
  });

  test("a wildcard captures the rest of the path", async () => {
    const app = mount(new Router().get("/files/*path", echoRoute));
    const response = await send(app, { url: "/files/docs/readme.md" });
    expect(JSON.parse(response.text).params).toEqual({ path: "docs/readme.md" });
  });

  test("a GET route answers HEAD with the headers and no body", async () => {
    const app = mount(new Router().get("/page", (ctx) => {
      ctx.body = "twelve bytes";
    }));
    const response = await send(app, { method: "HEAD", url: "/page" });
    expect(response.status).toBe(200);
    expect(response.header("content-length")).toBe("12");
    expect(response.body.length).toBe(0);
  });

  test("an explicit HEAD route overrides the GET one", async () => {
    const router = new Router()
      .get("/page", (ctx) => {
        ctx.body = "get";
      })
      .head("/page", (ctx) => {
        ctx.set("X-Head", "yes");
        ctx.status = 204;
      });
    const response = await send(mount(router), { method: "HEAD", url: "/page" });
    expect(response.status).toBe(204);
    expect(response.header("x-head")).toBe("yes");
  });

  test("all() answers any method, but an explicit route of the same pattern wins", async () => {
    const router = new Router()
      .all("/thing", (ctx) => {
        ctx.body = `all ${ctx.method}`;
      })
      .get("/thing", (ctx) => {
        ctx.body = "get";
      });
    const app = mount(router);
    expect((await send(app, { url: "/thing" })).text).toBe("get");
    expect((await send(app, { method: "DELETE", url: "/thing" })).text).toBe("all DELETE");
    expect((await send(app, { method: "PROPFIND", url: "/thing" })).text).toBe("all PROPFIND");
  });

  test("route() takes custom methods, case-insensitively", async () => {
    const app = mount(new Router().route(["propfind", "MKCOL"], "/dav", echoRoute));
    expect(JSON.parse((await send(app, { method: "PROPFIND", url: "/dav" })).text).method).toBe("PROPFIND");
    expect(JSON.parse((await send(app, { method: "MKCOL", url: "/dav" })).text).method).toBe("MKCOL");
  });

  test("several middleware on one route run in order; the same route registered twice chains both", async () => {
    const router = new Router()
      .get(
        "/steps",
        async (ctx, next) => {
          ctx.state.steps = ["one"];
          await next();
        },
        async (ctx, next) => {
          (ctx.state.steps as string[]).push("two");
          await next();
        },
      )
      .get("/steps", (ctx) => {
        ctx.body = [...(ctx.state.steps as string[]), "three"];
      });
    expect(JSON.parse((await send(mount(router), { url: "/steps" })).text)).toEqual(["one", "two", "three"]);
  });

  test("an unmatched request passes through to the next middleware", async () => {
    const app = new ChainApp()
      .use(new Router().get("/known", echoRoute).routes())
      .use((ctx) => {
        ctx.body = `fallback for ${ctx.path}`;
      });
    expect((await send(app, { url: "/unknown" })).text).toBe("fallback for /unknown");
  });

  test("a route handler's next() continues to the middleware after the router", async () => {
    const app = new ChainApp()
      .use(new Router().get("/x", async (ctx, next) => {
        ctx.set("X-Route", "yes");
        await next();
      }).routes())
      .use((ctx) => {
        ctx.body = "downstream";
      });
    const response = await send(app, { url: "/x" });
    expect(response.header("x-route")).toBe("yes");
    expect(response.text).toBe("downstream");
  });

  test("a one-handler route keeps the chain's rules: next() twice and a sync throw answer 500 and are reported", async () => {
    const reported: unknown[] = [];
    const router = new Router()
      .get("/twice", async (_ctx, next) => {
        await next();
        await next();
      })
      .get("/throws", () => {
        throw new Error("sync failure");
      });
    const app = mount(router).on("error", (error) => reported.push(error));
    expect((await send(app, { url: "/twice" })).status).toBe(500);
    expect((await send(app, { url: "/throws" })).status).toBe(500);
    expect(reported).toEqual([expect.objectContaining({ code: "ERR_CHAIN_NEXT_CALLED_TWICE" }), expect.objectContaining({ message: "sync failure" })]);
  });

  test("routes() called directly, outside a chain, still guards next() and answers with a promise", async () => {
    const router = new Router()
      .get("/twice", async (_ctx, next) => {
        await next();
        await next();
      })
      .get("/sync", (ctx) => {
        ctx.body = "sync";
      });
    const twice = router.routes()({ method: "GET", path: "/twice" } as unknown as Context, () => RESOLVED);
    await expect(twice).rejects.toMatchObject({ code: "ERR_CHAIN_NEXT_CALLED_TWICE" });
    const context = { method: "GET", path: "/sync", response: {} } as unknown as Context;
    const result = router.routes()(context, () => RESOLVED);
    expect(result).toBeInstanceOf(Promise);
    expect(context.body).toBe("sync");
  });

  test("a trailing slash is ignored", async () => {
    const app = mount(new Router().get("/users/:id", echoRoute));
    expect(JSON.parse((await send(app, { url: "/users/9/" })).text).params).toEqual({ id: "9" });
  });

  test("routes match the path below the mount point (SCRIPT_NAME)", async () => {
    const app = mount(new Router().get("/users/:id", echoRoute));
    const response = await send(app, { url: "/app/users/5", scriptName: "/app" });
    expect(JSON.parse(response.text).params).toEqual({ id: "5" });
  });

  test("routes added after the first request are picked up", async () => {
    const router = new Router().get("/a", echoRoute);
    const app = mount(router);
    expect((await send(app, { url: "/b" })).status).toBe(404);
    router.get("/b", echoRoute);
    expect((await send(app, { url: "/b" })).status).toBe(200);
  });
});

describe("prefixes and nested routers", () => {
  test("a prefix applies to every route, including /", async () => {
    const app = mount(new Router({ prefix: "/api/" }).get("/", echoRoute).get("/users/:id", echoRoute));
    expect(JSON.parse((await send(app, { url: "/api" })).text).route).toBe("/api");
    expect(JSON.parse((await send(app, { url: "/api/users/3" })).text).route).toBe("/api/users/:id");
    expect((await send(app, { url: "/users/3" })).status).toBe(404);
  });

  test("nested routers stack prefixes and router-level middleware", async () => {
    const users = new Router({ prefix: "/users" })
      .use(async (ctx, next) => {
        ctx.set("X-Users", "1");
        await next();
      })
      .get("/:id", echoRoute);
    const api = new Router({ prefix: "/api" }).use(async (ctx, next) => {
      ctx.set("X-Api", "1");
      await next();
    });
    api.use("/v1", users);
    const response = await send(mount(api), { url: "/api/v1/users/7" });
    expect(JSON.parse(response.text)).toMatchObject({ route: "/api/v1/users/:id", params: { id: "7" } });
    expect(response.header("x-api")).toBe("1");
    expect(response.header("x-users")).toBe("1");
  });

  test("router-level middleware run only for matched routes", async () => {
    let ran = 0;
    const router = new Router().use(async (_ctx, next) => {
      ran++;
      await next();
    }).get("/yes", echoRoute);
    const app = mount(router);
    await send(app, { url: "/no" });
    expect(ran).toBe(0);
    await send(app, { url: "/yes" });
    expect(ran).toBe(1);
  });

  test("a parameter in a prefix reaches the nested route", async () => {
    const posts = new Router().get("/posts/:post", echoRoute);
    const users = new Router().use("/users/:user", posts);
    const response = await send(mount(users), { url: "/users/ada/posts/1" });
    expect(JSON.parse(response.text).params).toEqual({ user: "ada", post: "1" });
  });

  test("a change to a nested router after mounting is picked up", async () => {
    const child = new Router();
    const parent = new Router().use("/child", child);
    const app = mount(parent);
    expect((await send(app, { url: "/child/late" })).status).toBe(404);
    child.get("/late", echoRoute);
    expect(JSON.parse((await send(app, { url: "/child/late" })).text).route).toBe("/child/late");
  });

  test("refuses to nest a router inside itself or its descendants", () => {
    const parent = new Router();
    const child = new Router();
    parent.use(child);
    expect(() => child.use(parent)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
    expect(() => parent.use(parent)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
  });
});

describe("allowedMethods", () => {
  const router = new Router()
    .get("/items", echoRoute)
    .post("/items", echoRoute)
    .delete("/items/:id", echoRoute);
  const app = mount(router);

  test("a known path with another method answers 405 with Allow (RFC 9110 §15.5.6)", async () => {
    const response = await send(app, { method: "PUT", url: "/items", headers: { "Content-Length": "0" } });
    expect(response.status).toBe(405);
    expect(response.header("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(response.text).toBe("Method Not Allowed");
  });

  test("OPTIONS answers 204 with Allow", async () => {
    const response = await send(app, { method: "OPTIONS", url: "/items/3" });
    expect(response.status).toBe(204);
    expect(response.header("allow")).toBe("DELETE, OPTIONS");
    expect(response.body.length).toBe(0);
  });

  test("a method RFC 9110 does not define answers 501", async () => {
    const response = await send(app, { method: "BREW", url: "/items" });
    expect(response.status).toBe(501);
  });

  test("an unknown path stays 404", async () => {
    const response = await send(app, { method: "PUT", url: "/elsewhere" });
    expect(response.status).toBe(404);
    expect(response.header("allow")).toBeUndefined();
  });

  test("a response set downstream is left alone", async () => {
    const withFallback = new ChainApp().use(router.allowedMethods()).use((ctx) => {
      ctx.body = "handled";
    });
    const response = await send(withFallback, { method: "PUT", url: "/items", headers: { "Content-Length": "0" } });
    expect(response.status).toBe(200);
    expect(response.text).toBe("handled");
  });
});

describe("allowedMethods with sync and async downstream middleware", () => {
  const router = new Router().get("/items", echoRoute);

  test("answers 405 whether the rest of the chain finished at once or later", async () => {
    const sync = new ChainApp().use(router.allowedMethods()).use(router.routes());
    const later = new ChainApp().use(router.allowedMethods()).use(async (_ctx, next) => {
      await new Promise((resolve) => setImmediate(resolve));
      await next();
    }).use(router.routes());
    for (const app of [sync, later]) {
      const response = await send(app, { method: "PUT", url: "/items", headers: { "Content-Length": "0" } });
      expect([response.status, response.header("allow")]).toEqual([405, "GET, HEAD, OPTIONS"]);
    }
  });

  test("lets a downstream error, sync or async, reach the error boundary", async () => {
    const syncFailure = new ChainApp().use(router.allowedMethods()).use((ctx) => ctx.throw(418, "sync teapot"));
    const asyncFailure = new ChainApp().use(router.allowedMethods()).use(async (ctx) => {
      await Promise.resolve();
      ctx.throw(418, "async teapot");
    });
    expect((await send(syncFailure, { url: "/items" })).text).toBe("sync teapot");
    expect((await send(asyncFailure, { url: "/items" })).text).toBe("async teapot");
  });
});

describe("registration errors", () => {
  test("bad patterns, methods and middleware fail at registration", () => {
    const router = new Router();
    expect(() => router.get("users", echoRoute)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_ROUTE" }));
    expect(() => router.route("BAD METHOD", "/x", echoRoute)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
    expect(() => router.route([], "/x", echoRoute)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
    expect(() => router.get("/x")).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
    expect(() => router.get("/x", "nope" as unknown as ChainMiddleware)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
    expect(() => new Router({ prefix: "api" })).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_ROUTE" }));
  });

  test("use(prefix, middleware) is refused: prefixed middleware belongs on a nested router", () => {
    expect(() => new Router().use("/p", echoRoute as unknown as Router)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
  });

  test("the same method and shape with different parameter names answers 500 and is reported", async () => {
    const router = new Router().get("/a/:x", echoRoute).get("/a/:y", echoRoute);
    const response = await send(mount(router), { url: "/a/1" });
    expect(response.status).toBe(500);
    expect(response.errorLog.join("")).toContain("ERR_CHAIN_INVALID_ROUTE");
  });
});

import { callApp, validate } from "@patchbay/gateway";
import type { Application, Body, StartResponse } from "@patchbay/gateway";
import { describe, expect, test } from "vitest";
import { abort } from "../src/abort.js";
import { HttpError } from "../src/errors.js";
import { RouteApp } from "../src/route-app.js";
import { RouteResponse, html, json, stream, text } from "../src/route-response.js";
import { call } from "./harness.js";

describe("RouteApp is an Application", () => {
  test("the instance is callable, and app.application is the same function", async () => {
    const app = new RouteApp();
    app.get("/", () => "hi");
    expect(typeof app).toBe("function");
    expect(app.application).toBe(app);
    expect(app).toBeInstanceOf(RouteApp);
    expect((await call(app.application)).text).toBe("hi");
  });

  test("a sync handler gives a sync body; an async one a promise", () => {
    const app = new RouteApp();
    app.get("/sync", () => "s");
    app.get("/async", async () => "a");
    const startResponse: StartResponse = () => () => {};
    const environ = (path: string) => ({ REQUEST_METHOD: "GET", SCRIPT_NAME: "", PATH_INFO: path }) as never;
    expect(app(environ("/sync"), startResponse)).toEqual(["s"]);
    expect(app(environ("/async"), startResponse)).toBeInstanceOf(Promise);
  });

  test("options are validated at construction", () => {
    for (const maxBodyBytes of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new RouteApp({ maxBodyBytes })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
    }
    expect(new RouteApp({ maxBodyBytes: 0 }).maxBodyBytes).toBe(0);
    expect(new RouteApp().maxBodyBytes).toBe(1024 * 1024);
  });
});

describe("routing", () => {
  test("method helpers and route() with several methods; params are typed and converted", async () => {
    const app = new RouteApp();
    app.get("/items/<id:int>", ({ params }) => json({ id: params.id, next: params.id + 1 }));
    app.post("/items", () => text("created", { status: 201 }));
    app.put("/items/<id:int>", ({ params }) => `put ${params.id}`);
    app.patch("/items/<id:int>", ({ params }) => `patch ${params.id}`);
    app.delete("/items/<id:int>", () => new RouteResponse("", { status: 204 }));
    app.route(["get", "POST"], "/both", (request) => request.method);
    expect(JSON.parse((await call(app, { url: "/items/41" })).text)).toEqual({ id: 41, next: 42 });
    expect((await call(app, { method: "POST", url: "/items" })).status).toBe(201);
    expect((await call(app, { method: "PUT", url: "/items/1" })).text).toBe("put 1");
    expect((await call(app, { method: "PATCH", url: "/items/2" })).text).toBe("patch 2");
    const deleted = await call(app, { method: "DELETE", url: "/items/3" });
    expect(deleted.status).toBe(204);
    expect(deleted.header("content-length")).toBeUndefined();
    expect((await call(app, { url: "/both" })).text).toBe("GET");
    expect((await call(app, { method: "POST", url: "/both" })).text).toBe("POST");
  });

  test("an unknown path is a 404; a wrong method a 405 with Allow", async () => {
    const app = new RouteApp();
    app.get("/items/<id:int>", () => "x");
    app.put("/items/<id:int>", () => "x");
    const missing = await call(app, { url: "/items/abc" });
    expect(missing.status).toBe(404);
    expect(missing.text).toBe("404 Not Found\n");
    const wrong = await call(app, { method: "POST", url: "/items/1" });
    expect(wrong.status).toBe(405);
    expect(wrong.header("allow")).toBe("GET, HEAD, OPTIONS, PUT");
  });

  test("HEAD runs the GET handler and the writer drops the body, Content-Length kept", async () => {
    const app = new RouteApp();
    let seenMethod = "";
    app.get("/page", (request) => {
      seenMethod = request.method;
      return html`<p>page</p>`;
    });
    const result = await call(app, { method: "HEAD", url: "/page" });
    expect(seenMethod).toBe("HEAD");
    expect(result.status).toBe(200);
    expect(result.header("content-length")).toBe("11");
    expect(result.body.length).toBe(0);
  });

  test("OPTIONS answers 204 with Allow, unless the app registered its own", async () => {
    const app = new RouteApp();
    app.get("/a", () => "a");
    app.post("/a", () => "a");
    app.get("/b", () => "b");
    app.route("OPTIONS", "/b", () => text("custom"));
    const automatic = await call(app, { method: "OPTIONS", url: "/a" });
    expect(automatic.status).toBe(204);
    expect(automatic.header("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect((await call(app, { method: "OPTIONS", url: "/b" })).text).toBe("custom");
    expect((await call(app, { method: "OPTIONS", url: "/none" })).status).toBe(404);
  });

  test("an empty PATH_INFO is routed as /", async () => {
    const app = new RouteApp();
    app.get("/", () => "root");
    expect((await call(app, { url: "/mounted", scriptName: "/mounted" })).text).toBe("root");
  });

  test("percent-encoded paths are matched decoded", async () => {
    const app = new RouteApp();
    app.get("/wiki/<title>", ({ params }) => params.title);
    expect((await call(app, { url: "/wiki/Caf%C3%A9%20Society" })).text).toBe("Café Society");
  });

  test("registration errors: bad pattern, duplicate route, duplicate name, bad method list, no handler", () => {
    const app = new RouteApp();
    app.get("/x", () => "x", { name: "x" });
    expect(() => app.get("no-slash", () => "x")).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_PATTERN" }));
    expect(() => app.get("/x", () => "again")).toThrow(expect.objectContaining({ code: "ERR_ROUTE_DUPLICATE_ROUTE" }));
    expect(() => app.get("/y", () => "y", { name: "x" })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_DUPLICATE_NAME" }));
    expect(() => app.get("/z", () => "z", { name: "has space" })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
    expect(() => app.route([], "/z", () => "z")).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
    expect(() => app.get("/z", undefined as never)).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
    expect(() => app.post("/x", () => "post", { name: "x" })).not.toThrow();
  });

  test("custom converters, and the re converter", async () => {
    const app = new RouteApp();
    app.converter("hex", { pattern: "[0-9a-f]+", parse: (value) => Number.parseInt(value, 16), format: (value: number) => value.toString(16) });
    app.get("/color/<value:hex>", ({ params }) => json({ value: params.value }), { name: "color" });
    app.get("/lang/<code:re:[a-z]{2}>", ({ params }) => params.code);
    expect(JSON.parse((await call(app, { url: "/color/ff" })).text)).toEqual({ value: 255 });
    expect((await call(app, { url: "/color/zz" })).status).toBe(404);
    expect(app.urlFor("color", { value: 4095 })).toBe("/color/fff");
    expect((await call(app, { url: "/lang/fr" })).text).toBe("fr");
    expect((await call(app, { url: "/lang/fra" })).status).toBe(404);
    expect(() => app.converter("re", { pattern: "x", parse: String })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
    expect(() => app.converter("bad", { pattern: "(", parse: String })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
    expect(() => app.converter("bad", {} as never)).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
  });
});

describe("handler results and streaming", () => {
  test("strings, objects, arrays and bytes become responses", async () => {
    const app = new RouteApp();
    app.get("/string", () => "plain");
    app.get("/object", () => ({ ok: true }));
    app.get("/array", () => [1, 2]);
    app.get("/bytes", () => new Uint8Array([1, 2, 3]));
    expect((await call(app, { url: "/string" })).header("content-type")).toBe("text/plain; charset=utf-8");
    expect((await call(app, { url: "/object" })).text).toBe('{"ok":true}');
    expect((await call(app, { url: "/array" })).text).toBe("[1,2]");
    const bytes = await call(app, { url: "/bytes" });
    expect([...bytes.body]).toEqual([1, 2, 3]);
    expect(bytes.header("content-type")).toBe("application/octet-stream");
  });

  test("an async iterable streams chunked, in order, and is closed when done", async () => {
    const app = new RouteApp();
    let finished = false;
    app.get("/events", () => {
      async function* events() {
        try {
          for (let index = 1; index <= 3; index++) {
            await new Promise((resolve) => setImmediate(resolve));
            yield `event ${index}\n`;
          }
        } finally {
          finished = true;
        }
      }
      return stream(events(), { headers: { "Content-Type": "text/event-stream" } });
    });
    const result = await call(app, { url: "/events" });
    expect(result.header("transfer-encoding")).toBe("chunked");
    expect(result.header("content-type")).toBe("text/event-stream");
    expect(result.text).toBe("event 1\nevent 2\nevent 3\n");
    expect(finished).toBe(true);
  });

  test("an HTTP/1.0 stream is close-delimited", async () => {
    const app = new RouteApp();
    app.get("/", () => stream(["a", "b"].values()));
    const result = await call(app, { protocol: "HTTP/1.0" });
    expect(result.header("transfer-encoding")).toBeUndefined();
    expect(result.text).toBe("ab");
  });

  test("a handler returning nothing is a 500 that is logged, not a crash", async () => {
    const app = new RouteApp();
    app.get("/", (() => undefined) as never);
    const result = await call(app);
    expect(result.status).toBe(500);
    expect(result.text).toBe("500 Internal Server Error\n");
    expect(result.log).toContain("ERR_ROUTE_INVALID_RESPONSE");
    expect(result.log).toContain("GET /");
  });

  test("a response the writer or validator refuses (CR/LF in a header) becomes a logged 500", async () => {
    const app = new RouteApp();
    app.get("/", () => text("x", { headers: { "X-Bad": "a\r\nb" } }));
    for (const application of [app, validate(app)]) {
      let log = "";
      const result = await callApp(application, { environ: { "gateway.errors": { write: (line: string) => (log += line), flush: () => {} } } });
      expect(result.status).toBe(500);
      expect(result.text).toBe("500 Internal Server Error\n");
      expect(result.errors).toEqual([]);
      expect(log).toContain("invalid response");
      expect(log).toContain("X-Bad");
    }
  });
});

describe("hooks", () => {
  test("before hooks run in order; one that returns a result answers instead of the handler", async () => {
    const app = new RouteApp();
    const order: string[] = [];
    app.before(() => {
      order.push("first");
      return undefined;
    });
    app.before(async (request) => {
      order.push("second");
      return request.header("authorization") === undefined ? text("log in", { status: 401 }) : undefined;
    });
    app.get("/", () => {
      order.push("handler");
      return "secret";
    });
    const denied = await call(app);
    expect(denied.status).toBe(401);
    expect(order).toEqual(["first", "second"]);
    order.length = 0;
    expect((await call(app, { headers: { Authorization: "Bearer x" } })).text).toBe("secret");
    expect(order).toEqual(["first", "second", "handler"]);
  });

  test("after hooks change the response in place or replace it, sync or async, errors included", async () => {
    const app = new RouteApp();
    app.after((_request, response) => {
      response.setHeader("X-Frame-Options", "DENY");
    });
    app.after(async (request, response) => (request.path === "/replace" ? text(`replaced ${response.status}`) : undefined));
    app.get("/", () => "home");
    app.get("/replace", () => "original");
    const home = await call(app);
    expect(home.header("x-frame-options")).toBe("DENY");
    expect(home.text).toBe("home");
    expect((await call(app, { url: "/replace" })).text).toBe("replaced 200");
    expect((await call(app, { url: "/missing" })).header("x-frame-options")).toBe("DENY");
  });

  test("a before hook may abort; an after hook that throws gives a logged 500", async () => {
    const app = new RouteApp();
    app.before((request) => (request.path === "/banned" ? abort(403, "go away") : undefined));
    app.after((request) => {
      if (request.path === "/boom") throw new Error("after hook failed");
      return undefined;
    });
    app.get("/banned", () => "never");
    app.get("/boom", () => "lost");
    const banned = await call(app, { url: "/banned" });
    expect(banned.status).toBe(403);
    expect(banned.text).toBe("403 Forbidden\ngo away\n");
    const boom = await call(app, { url: "/boom" });
    expect(boom.status).toBe(500);
    expect(boom.log).toContain("after hook failed");
  });

  test("hooks and mounts registered after the app has served requests apply from the next request", async () => {
    const app = new RouteApp();
    app.get("/", () => text("home"));
    expect((await call(app)).text).toBe("home");
    app.after((_request, response) => {
      response.setHeader("X-After", "yes");
    });
    expect((await call(app)).header("x-after")).toBe("yes");
    const withBefore = new RouteApp();
    withBefore.get("/", () => "home");
    expect((await call(withBefore)).text).toBe("home");
    withBefore.before(() => text("early"));
    expect((await call(withBefore)).text).toBe("early");
    const withMount = new RouteApp();
    withMount.get("/admin", () => "shadowed");
    expect((await call(withMount, { url: "/admin" })).text).toBe("shadowed");
    withMount.mount("/admin", (_environ, startResponse) => {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return ["mounted"];
    });
    expect((await call(withMount, { url: "/admin" })).text).toBe("mounted");
  });
});

describe("errors", () => {
  test("abort() and HttpError give their status and message", async () => {
    const app = new RouteApp();
    app.get("/gone", () => abort(410, "this page was removed"));
    app.get("/teapot", async () => {
      throw new HttpError(418);
    });
    const gone = await call(app, { url: "/gone" });
    expect(gone.status).toBe(410);
    expect(gone.text).toBe("410 Gone\nthis page was removed\n");
    expect(gone.log).toBe("");
    expect((await call(app, { url: "/teapot" })).text).toBe("418 I'm a Teapot\n");
  });

  test("an unexpected error is a 500 with no detail for the client and the stack in the log", async () => {
    const app = new RouteApp();
    app.get("/", () => {
      throw new TypeError("database password is hunter2");
    });
    const result = await call(app);
    expect(result.status).toBe(500);
    expect(result.text).not.toContain("hunter2");
    expect(result.log).toContain("TypeError: database password is hunter2");
    expect(result.log).toContain("route-app.test.ts");
  });

  test("status handlers: their result gets the error's status unless it is a RouteResponse", async () => {
    const app = new RouteApp();
    app.errorHandler(404, (error, request) => html`<h1>Nothing at ${request.path}</h1><p>${error.message}</p>`);
    app.errorHandler(500, (error) => text(`sorry: ${(error.cause as Error).message}`, { status: 503 }));
    app.get("/fail", () => {
      throw new Error("kaput");
    });
    const missing = await call(app, { url: "/<missing>" });
    expect(missing.status).toBe(404);
    expect(missing.header("content-type")).toBe("text/html; charset=utf-8");
    expect(missing.text).toBe("<h1>Nothing at /&lt;missing&gt;</h1><p>Not Found</p>");
    const failed = await call(app, { url: "/fail" });
    expect(failed.status).toBe(503);
    expect(failed.text).toBe("sorry: kaput");
    expect(failed.log).toContain("kaput");
  });

  test("a 405 handler keeps the Allow header unless it sets its own", async () => {
    const app = new RouteApp();
    app.errorHandler(405, () => ({ error: "method not allowed" }));
    app.get("/x", () => "x");
    const result = await call(app, { method: "DELETE", url: "/x" });
    expect(result.status).toBe(405);
    expect(result.header("allow")).toBe("GET, HEAD, OPTIONS");
    expect(JSON.parse(result.text)).toEqual({ error: "method not allowed" });
  });

  test("class handlers: the nearest class wins; async handlers work", async () => {
    class NotAllowed extends Error {}
    class NotOwner extends NotAllowed {}
    const app = new RouteApp();
    app.errorHandler(Error, () => text("generic", { status: 500 }));
    app.errorHandler(NotAllowed, async (error) => text(`not allowed: ${error.message}`, { status: 403 }));
    app.get("/owner", () => {
      throw new NotOwner("not yours");
    });
    app.get("/type", () => {
      throw new TypeError("x");
    });
    const owner = await call(app, { url: "/owner" });
    expect(owner.status).toBe(403);
    expect(owner.text).toBe("not allowed: not yours");
    expect((await call(app, { url: "/type" })).text).toBe("generic");
  });

  test("client errors from the body readers reach status handlers with their message", async () => {
    const app = new RouteApp({ maxBodyBytes: 4 });
    app.errorHandler(413, (error) => ({ error: error.message }));
    app.post("/", async (request) => request.text());
    const result = await call(app, { method: "POST", body: "too long" });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.text)).toEqual({ error: "the request body is larger than this application's limit of 4 bytes" });
  });

  test("an error handler that throws (or rejects) falls back to a logged plain 500", async () => {
    const app = new RouteApp();
    app.errorHandler(404, () => {
      throw new Error("handler broke");
    });
    app.errorHandler(400, async () => {
      throw new Error("async handler broke");
    });
    app.get("/bad", () => abort(400));
    const missing = await call(app, { url: "/missing" });
    expect(missing.status).toBe(500);
    expect(missing.text).toBe("500 Internal Server Error\n");
    expect(missing.log).toContain("handler broke");
    const bad = await call(app, { url: "/bad" });
    expect(bad.status).toBe(500);
    expect(bad.log).toContain("async handler broke");
  });

  test("errorHandler() refuses a bad key or handler", () => {
    const app = new RouteApp();
    expect(() => app.errorHandler(200, () => "x")).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
    expect(() => app.errorHandler(404, undefined as never)).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
  });
});

describe("mounts", () => {
  test("a mounted RouteApp sees the prefix in SCRIPT_NAME and builds URLs under it", async () => {
    const admin = new RouteApp();
    admin.get("/", (request) => json({ scriptName: request.scriptName, path: request.path, pathInfo: request.environ.PATH_INFO }));
    admin.get("/users/<id:int>", (request) => text(request.urlFor("admin-user", { id: request.params.id })), { name: "admin-user" });
    const app = new RouteApp();
    app.get("/", () => "site");
    app.mount("/admin", admin);
    expect((await call(app)).text).toBe("site");
    expect(JSON.parse((await call(app, { url: "/admin/" })).text)).toEqual({ scriptName: "/admin", path: "/", pathInfo: "/" });
    expect(JSON.parse((await call(app, { url: "/admin" })).text)).toEqual({ scriptName: "/admin", path: "/", pathInfo: "" });
    expect((await call(app, { url: "/admin/users/7" })).text).toBe("/admin/users/7");
    expect((await call(app, { url: "/administrator" })).status).toBe(404);
  });

  test("mounts nest, work below an outer SCRIPT_NAME, and the longest prefix wins", async () => {
    const inner = new RouteApp();
    inner.get("/where", (request) => `${request.scriptName} ${request.path}`);
    const middle = new RouteApp();
    middle.mount("/inner", inner);
    const app = new RouteApp();
    app.mount("/api", (_environ, startResponse) => {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return ["short prefix"];
    });
    app.mount("/api/v2", middle);
    expect((await call(app, { url: "/site/api/v2/inner/where", scriptName: "/site" })).text).toBe("/site/api/v2/inner /where");
    expect((await call(app, { url: "/api/v1" })).text).toBe("short prefix");
  });

  test("any gateway Application can be mounted; the caller's environ is not changed", async () => {
    let seen: { scriptName: string; pathInfo: string } | undefined;
    const plain: Application = (environ, startResponse): Body => {
      seen = { scriptName: environ.SCRIPT_NAME, pathInfo: environ.PATH_INFO };
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return ["plain app"];
    };
    const app = new RouteApp();
    app.before(() => text("hooks do not run for mounts"));
    // Validated on its own too: the shifted environ must be a valid, fresh environ (SPEC G-1.3, G-2.4).
    app.mount("/legacy", validate(plain));
    const result = await callApp(app, { url: "/legacy/a/b?q=1" });
    expect(result.text).toBe("plain app");
    expect(seen).toEqual({ scriptName: "/legacy", pathInfo: "/a/b" });
    expect(result.environ.PATH_INFO).toBe("/legacy/a/b");
    expect(result.environ.SCRIPT_NAME).toBe("");
  });

  test("mount() validates its prefix and application", () => {
    const app = new RouteApp();
    for (const prefix of ["admin", "/admin/", "/", "/<x>"]) {
      expect(() => app.mount(prefix, new RouteApp())).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
    }
    expect(() => app.mount("/x", {} as never)).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
  });
});

describe("urlFor", () => {
  test("builds app-relative URLs with encoded params and a query (arrays repeat, null is left out)", () => {
    const app = new RouteApp();
    app.get("/", () => "home", { name: "home" });
    app.get("/search/<term>", () => "x", { name: "search" });
    expect(app.urlFor("home")).toBe("/");
    expect(app.urlFor("search", { term: "a b" }, { page: 2, tag: ["x", "y z"], skip: null, none: undefined, flag: true })).toBe("/search/a%20b?page=2&tag=x&tag=y+z&flag=true");
    expect(app.urlFor("search", { term: "q" }, {})).toBe("/search/q");
  });

  test("an unknown name or a bad param throws", () => {
    const app = new RouteApp();
    app.get("/users/<id:int>", () => "x", { name: "user" });
    expect(() => app.urlFor("nobody")).toThrow(expect.objectContaining({ code: "ERR_ROUTE_UNKNOWN_NAME" }));
    expect(() => app.urlFor("user", { id: "abc" })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_PARAM" }));
  });
});

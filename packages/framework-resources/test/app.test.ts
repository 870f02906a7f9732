import { describe, expect, test, vi } from "vitest";
import { GatewayError } from "@patchbay/gateway";
import type { Environ } from "@patchbay/gateway";
import { DEFAULT_MAX_BODY_BYTES, HTTPForbidden, ResourceApp, ResourceError } from "../src/index.js";
import type { Hook, Request, Resource, ResourceHooks, Response, RouteParams } from "../src/index.js";
import { EnvironDumpResource } from "./fixtures/environ-dump-resource.js";
import { call, chunks, problemOf } from "./harness.js";

class Things {
  readonly items = new Map<number, { name: string }>([[1, { name: "first" }]]);

  onGet(_request: Request, response: Response): void {
    response.media = [...this.items.entries()].map(([id, item]) => ({ id, ...item }));
  }

  async onPost(request: Request, response: Response): Promise<void> {
    const body = await request.getMedia<{ name: string }>();
    const id = this.items.size + 1;
    this.items.set(id, { name: body.name });
    response.status = 201;
    response.setHeader("Location", `/things/${id}`);
    response.media = { id, name: body.name };
  }

  onGetItem(_request: Request, response: Response, params: { id: number }): void {
    const item = this.items.get(params.id);
    if (item === undefined) {
      response.status = 404;
      response.media = { missing: params.id };
      return;
    }
    response.media = { id: params.id, ...item };
  }

  onDeleteItem(_request: Request, response: Response, params: { id: number }): void {
    this.items.delete(params.id);
    response.status = 204;
  }
}

function thingsApp(): ResourceApp {
  const things = new Things();
  return new ResourceApp().addRoute("/things", things).addRoute("/things/{id:int(min=1)}", things, { suffix: "Item" });
}

describe("routing and dispatch", () => {
  test("a responder's media is rendered as JSON with Content-Length", async () => {
    const result = await call(thingsApp(), { url: "/things" });
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual([{ id: 1, name: "first" }]);
    expect(result.header("content-length")).toBe(String(result.body.length));
  });

  test("converted params reach the responder (int) and a suffix route uses onXItem", async () => {
    const result = await call(thingsApp(), { url: "/things/1" });
    expect(JSON.parse(result.text)).toEqual({ id: 1, name: "first" });
  });

  test("a POST reads JSON media and answers 201 with Location", async () => {
    const app = thingsApp();
    const result = await call(app, { method: "POST", url: "/things", headers: { "Content-Type": "application/json" }, body: '{"name":"second"}' });
    expect(result.status).toBe(201);
    expect(result.header("location")).toBe("/things/2");
    expect(JSON.parse((await call(app, { url: "/things/2" })).text)).toEqual({ id: 2, name: "second" });
  });

  test("a value the converter refuses is a 404, not a 400 (the route does not match)", async () => {
    for (const url of ["/things/0", "/things/abc", "/things/1.5"]) {
      const result = await call(thingsApp(), { url });
      expect(result.status).toBe(404);
      expect(problemOf(result)).toMatchObject({ type: "about:blank", title: "Not Found", status: 404, detail: `no resource at ${url}` });
    }
  });

  test("an unknown path is a 404 problem naming the path", async () => {
    const result = await call(thingsApp(), { url: "/nothing/here" });
    expect(result.status).toBe(404);
    expect(problemOf(result).detail).toBe("no resource at /nothing/here");
  });

  test("a method without a responder is a 405 with Allow, as header and problem", async () => {
    const result = await call(thingsApp(), { method: "PUT", url: "/things/1" });
    expect(result.status).toBe(405);
    expect(result.header("allow")).toBe("GET, HEAD, DELETE, OPTIONS");
    expect(problemOf(result)).toMatchObject({ status: 405, title: "Method Not Allowed" });
  });

  test("OPTIONS without a responder answers 204 with Allow", async () => {
    const result = await call(thingsApp(), { method: "OPTIONS", url: "/things" });
    expect(result.status).toBe(204);
    expect(result.header("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(result.body.length).toBe(0);
  });

  test("a resource's own onOptions wins over the default", async () => {
    const app = new ResourceApp().addRoute("/cors", {
      onOptions(_request: Request, response: Response) {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.status = 200;
      },
    });
    const result = await call(app, { method: "OPTIONS", url: "/cors" });
    expect(result.status).toBe(200);
    expect(result.header("access-control-allow-origin")).toBe("*");
  });

  test("HEAD runs onGet and sends the headers without the body", async () => {
    const result = await call(thingsApp(), { method: "HEAD", url: "/things/1" });
    expect(result.status).toBe(200);
    expect(result.header("content-type")).toBe("application/json");
    expect(Number(result.header("content-length"))).toBeGreaterThan(0);
    expect(result.body.length).toBe(0);
  });

  test("a 204 from a responder goes out with no body", async () => {
    const result = await call(thingsApp(), { method: "DELETE", url: "/things/1" });
    expect(result.status).toBe(204);
    expect(result.body.length).toBe(0);
  });

  test("any object with onX methods is a resource, including custom methods (PROPFIND)", async () => {
    const app = new ResourceApp().addRoute("/dav", {
      onPropfind(_request: Request, response: Response) {
        response.status = 207;
        response.text = "multi";
      },
      onGet(_request: Request, response: Response) {
        response.text = "get";
      },
    } as Resource);
    const result = await call(app, { method: "PROPFIND", url: "/dav" });
    expect(result.status).toBe(207);
    expect(result.text).toBe("multi");
    expect((await call(app, { method: "PATCH", url: "/dav" })).header("allow")).toBe("GET, HEAD, OPTIONS, PROPFIND");
  });

  test("responders run with `this` bound to their resource", async () => {
    class Counter {
      count = 0;
      onPost(_request: Request, response: Response): void {
        this.count += 1;
        response.media = { count: this.count };
      }
    }
    const app = new ResourceApp().addRoute("/count", new Counter()).addRoute("/hooked", new Counter(), { before: [() => {}] });
    await call(app, { method: "POST", url: "/count" });
    expect(JSON.parse((await call(app, { method: "POST", url: "/count" })).text)).toEqual({ count: 2 });
    // A route with hooks runs its responder on the other path (runSteps): `this` is the resource there too.
    expect(JSON.parse((await call(app, { method: "POST", url: "/hooked" })).text)).toEqual({ count: 1 });
  });

  test("a mounted app routes on PATH_INFO, below SCRIPT_NAME", async () => {
    const app = new ResourceApp().addRoute("/where", {
      onGet(request: Request, response: Response) {
        response.media = { path: request.path, scriptName: request.scriptName, template: request.uriTemplate };
      },
    });
    const result = await call(app, { url: "/api/where", scriptName: "/api" });
    expect(JSON.parse(result.text)).toEqual({ path: "/where", scriptName: "/api", template: "/where" });
  });

  test("an empty PATH_INFO (the mount point itself) routes as /", async () => {
    const app = new ResourceApp().addRoute("/", {
      onGet(_request: Request, response: Response) {
        response.text = "root";
      },
    });
    expect((await call(app, { url: "/api", scriptName: "/api" })).text).toBe("root");
  });

  test("uuid and path converters route real requests", async () => {
    const app = new ResourceApp()
      .addRoute("/orders/{id:uuid}", {
        onGet(_request: Request, response: Response, params: RouteParams) {
          response.media = params;
        },
      })
      .addRoute("/assets/{file:path}", {
        onGet(_request: Request, response: Response, params: RouteParams) {
          response.text = String(params.file);
        },
      });
    expect(JSON.parse((await call(app, { url: "/orders/9F1C6A1E-5B4A-4D7E-9C1B-2A3B4C5D6E7F" })).text)).toEqual({ id: "9f1c6a1e-5b4a-4d7e-9c1b-2a3b4c5d6e7f" });
    expect((await call(app, { url: "/orders/not-a-uuid" })).status).toBe(404);
    expect((await call(app, { url: "/assets/css/site.css" })).text).toBe("css/site.css");
  });

  test("a percent-encoded path is matched decoded", async () => {
    const app = new ResourceApp().addRoute("/files/{name}", {
      onGet(_request: Request, response: Response, params: RouteParams) {
        response.text = String(params.name);
      },
    });
    expect((await call(app, { url: "/files/a%20b" })).text).toBe("a b");
  });

  test("sync responders give the body straight back (no promise), async ones a promise; both answer the same", async () => {
    const app = new ResourceApp()
      .addRoute("/sync", { onGet: (_request: Request, response: Response) => void (response.text = "sync") })
      .addRoute("/async", {
        async onGet(_request: Request, response: Response) {
          await Promise.resolve();
          response.text = "async";
        },
      });
    const environFor = async (url: string): Promise<Environ> => (await call(app, { url })).environ;
    const startResponse = () => () => {};
    expect(app.application(await environFor("/sync"), startResponse)).toEqual(["sync"]);
    const pending = app.application(await environFor("/async"), startResponse);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(["async"]);
    expect((await call(app, { url: "/sync" })).text).toBe("sync");
    expect((await call(app, { url: "/async" })).text).toBe("async");
  });
});

describe("startup errors", () => {
  test("addRoute refuses a bad template, an unknown converter, a resource without responders, a duplicate", () => {
    const resource = { onGet() {} };
    const app = new ResourceApp().addRoute("/a/{id:int}", resource);
    expect(() => app.addRoute("a", resource)).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_INVALID_TEMPLATE" }));
    expect(() => app.addRoute("/b/{id:nope}", resource)).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_UNKNOWN_CONVERTER" }));
    expect(() => app.addRoute("/c", { onget() {} } as Resource)).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_NO_RESPONDERS" }));
    expect(() => app.addRoute("/a/{id:int}", resource)).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_DUPLICATE_ROUTE" }));
  });

  test("options are checked: maxBodyBytes, converter names", () => {
    expect(() => new ResourceApp({ maxBodyBytes: -1 })).toThrow(ResourceError);
    expect(() => new ResourceApp().addConverter("path", () => () => "x")).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_INVALID_OPTION" }));
    expect(() => new ResourceApp().addConverter("bad name", () => () => "x")).toThrow(ResourceError);
  });
});

describe("custom converters", () => {
  const slug = () => (segment: string) => (/^[a-z0-9-]+$/.test(segment) ? segment : undefined);

  test("a converter given in the options or with addConverter is used by later routes", async () => {
    const app = new ResourceApp({ converters: { slug } }).addRoute("/posts/{post:slug}", {
      onGet(_request: Request, response: Response, params: RouteParams) {
        response.text = `post ${String(params.post)}`;
      },
    });
    expect((await call(app, { url: "/posts/hello-world" })).text).toBe("post hello-world");
    expect((await call(app, { url: "/posts/Hello_World" })).status).toBe(404);
  });

  test("a converter returning a non-string value passes it through", async () => {
    const app = new ResourceApp().addConverter("csv", () => (segment) => segment.split(",")).addRoute("/sum/{values:csv}", {
      onGet(_request: Request, response: Response, params: RouteParams) {
        response.media = { count: (params.values as string[]).length };
      },
    });
    expect(JSON.parse((await call(app, { url: "/sum/1,2,3" })).text)).toEqual({ count: 3 });
  });
});

describe("hooks", () => {
  function recorder(log: string[], name: string): Hook {
    return () => {
      log.push(name);
    };
  }

  test("app, route, resource (static and instance) and per-method hooks run in nesting order", async () => {
    const log: string[] = [];
    class Widget {
      static hooks: ResourceHooks = { before: [recorder(log, "class before")], after: [recorder(log, "class after")], methods: { GET: { before: [recorder(log, "class GET before")], after: [recorder(log, "class GET after")] } } };
      hooks: ResourceHooks = { before: [recorder(log, "instance before")], after: [recorder(log, "instance after")] };
      onGet(_request: Request, response: Response): void {
        log.push("responder");
        response.text = "ok";
      }
    }
    const app = new ResourceApp({ hooks: { before: [recorder(log, "app before")], after: [recorder(log, "app after")] } }).addRoute("/w", new Widget(), {
      before: [recorder(log, "route before")],
      after: [recorder(log, "route after")],
      methods: { POST: { before: [recorder(log, "route POST before")] } },
    });
    expect((await call(app, { url: "/w" })).text).toBe("ok");
    expect(log).toEqual([
      "app before",
      "route before",
      "class before",
      "class GET before",
      "instance before",
      "responder",
      "instance after",
      "class GET after",
      "class after",
      "route after",
      "app after",
    ]);
  });

  test("hooks get the resource and the params; async hooks are awaited", async () => {
    const seen: unknown[] = [];
    const resource = {
      onGet(request: Request, response: Response) {
        response.media = request.context;
      },
    };
    const loadUser: Hook = async (request, _response, hookResource, params) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(hookResource, params);
      request.context.user = `user-${String(params.id)}`;
    };
    const app = new ResourceApp().addRoute("/users/{id:int}", resource, { before: [loadUser] });
    expect(JSON.parse((await call(app, { url: "/users/7" })).text)).toEqual({ user: "user-7" });
    expect(seen).toEqual([resource, { id: 7 }]);
  });

  test("a before-hook throwing an HTTPError answers with it; the responder and after-hooks never run", async () => {
    const responder = vi.fn<() => void>();
    const after = vi.fn<() => void>();
    const requireToken: Hook = (request) => {
      if (request.getHeader("authorization") !== "Bearer secret") throw new HTTPForbidden({ detail: "a valid token is required" });
    };
    const app = new ResourceApp().addRoute("/secret", { onGet: responder }, { before: [requireToken], after: [after] });
    const result = await call(app, { url: "/secret" });
    expect(result.status).toBe(403);
    expect(problemOf(result)).toEqual({ type: "about:blank", title: "Forbidden", status: 403, detail: "a valid token is required" });
    expect(responder).not.toHaveBeenCalled();
    expect(after).not.toHaveBeenCalled();
  });

  test("a before-hook setting response.complete skips the rest of the before-hooks and the responder, not the after-hooks", async () => {
    const responder = vi.fn<() => void>();
    const laterBefore = vi.fn<() => void>();
    const cached: Hook = (_request, response) => {
      response.text = "from cache";
      response.complete = true;
    };
    const stamp: Hook = (_request, response) => {
      response.setHeader("X-Cache", "hit");
    };
    const app = new ResourceApp().addRoute("/c", { onGet: responder }, { before: [cached, laterBefore], after: [stamp] });
    const result = await call(app, { url: "/c" });
    expect(result.text).toBe("from cache");
    expect(result.header("x-cache")).toBe("hit");
    expect(responder).not.toHaveBeenCalled();
    expect(laterBefore).not.toHaveBeenCalled();
  });

  test("an after-hook can change the response the responder built", async () => {
    const app = new ResourceApp().addRoute(
      "/x",
      {
        onGet(_request: Request, response: Response) {
          response.media = { a: 1 };
        },
      },
      {
        after: [
          (_request, response) => {
            response.media = { wrapped: response.media };
          },
        ],
      },
    );
    expect(JSON.parse((await call(app, { url: "/x" })).text)).toEqual({ wrapped: { a: 1 } });
  });
});

describe("errors", () => {
  test("an unexpected error is a 500 problem with no detail; the stack goes to gateway.errors", async () => {
    const written: string[] = [];
    const app = new ResourceApp().addRoute("/boom", {
      onGet() {
        throw new Error("secret internals");
      },
    });
    const result = await call(app, { url: "/boom", environ: { "gateway.errors": { write: (text: string) => written.push(text), flush() {} } } });
    expect(result.status).toBe(500);
    expect(problemOf(result)).toEqual({ type: "about:blank", title: "Internal Server Error", status: 500 });
    expect(result.text).not.toContain("secret");
    expect(written.join("")).toContain("secret internals");
  });

  test("onError receives errors that become 500s, with the environ", async () => {
    const onError = vi.fn<(error: unknown, environ: Environ) => void>();
    const failure = new TypeError("bad");
    const app = new ResourceApp({ onError }).addRoute("/boom", {
      async onGet() {
        await Promise.resolve();
        throw failure;
      },
    });
    expect((await call(app, { url: "/boom" })).status).toBe(500);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBe(failure);
    expect(onError.mock.calls[0]?.[1].PATH_INFO).toBe("/boom");
  });

  test("a gateway error with a 4xx status keeps its status (not a 500) and is not logged", async () => {
    const onError = vi.fn<() => void>();
    const app = new ResourceApp({ onError }).addRoute("/g", {
      onGet() {
        throw new GatewayError("ERR_GATEWAY_INPUT_INCOMPLETE", "body ended early", { status: 400 });
      },
    });
    const result = await call(app, { url: "/g" });
    expect(result.status).toBe(400);
    expect(problemOf(result).detail).toBe("body ended early");
    expect(onError).not.toHaveBeenCalled();
  });

  test("an invalid header set by a responder is a 500 problem, not a crash", async () => {
    const app = new ResourceApp({ onError: () => {} }).addRoute("/h", {
      onGet(_request: Request, response: Response) {
        response.setHeader("X-Bad", "a\r\nInjected: yes");
      },
    });
    const result = await call(app, { url: "/h" });
    expect(result.status).toBe(500);
    expect(result.header("injected")).toBeUndefined();
  });

  test("an invalid status from a responder is a 500 problem", async () => {
    const app = new ResourceApp({ onError: () => {} }).addRoute("/s", {
      onGet(_request: Request, response: Response) {
        response.status = 1000;
      },
    });
    const result = await call(app, { url: "/s" });
    expect(result.status).toBe(500);
    expect(problemOf(result).status).toBe(500);
  });
});

describe("request bodies: 400, 413, 415, never a 500", () => {
  const echoMedia = {
    async onPost(request: Request, response: Response) {
      response.media = { received: await request.getMedia() };
    },
  };

  test("malformed JSON is a 400 problem", async () => {
    const app = new ResourceApp().addRoute("/m", echoMedia);
    const result = await call(app, { method: "POST", url: "/m", headers: { "Content-Type": "application/json" }, body: '{"a":' });
    expect(result.status).toBe(400);
    expect(problemOf(result)).toMatchObject({ status: 400, title: "Invalid JSON" });
    expect(problemOf(result).detail).toMatch(/not valid JSON/);
  });

  test("a body over the limit is a 413 problem, by Content-Length or while streaming", async () => {
    const app = new ResourceApp({ maxBodyBytes: 8 }).addRoute("/m", echoMedia);
    const declared = await call(app, { method: "POST", url: "/m", headers: { "Content-Type": "application/json" }, body: '{"a":"123456789"}' });
    expect(declared.status).toBe(413);
    expect(problemOf(declared)).toMatchObject({ status: 413, limitBytes: 8 });
    const streamed = await call(app, { method: "POST", url: "/m", headers: { "Content-Type": "application/json" }, body: chunks('{"a":', '"123456789"}') });
    expect(streamed.status).toBe(413);
  });

  test("the default limit is 1 MiB", async () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1024 * 1024);
    const app = new ResourceApp().addRoute("/m", echoMedia);
    const big = `"${"x".repeat(DEFAULT_MAX_BODY_BYTES)}"`;
    expect((await call(app, { method: "POST", url: "/m", headers: { "Content-Type": "application/json" }, body: big })).status).toBe(413);
    const fits = `"${"x".repeat(DEFAULT_MAX_BODY_BYTES - 2)}"`;
    expect((await call(app, { method: "POST", url: "/m", headers: { "Content-Type": "application/json" }, body: fits })).status).toBe(200);
  });

  test("an unknown or missing Content-Type is a 415 problem listing what is supported", async () => {
    const app = new ResourceApp().addRoute("/m", echoMedia);
    const unknown = await call(app, { method: "POST", url: "/m", headers: { "Content-Type": "text/csv" }, body: "a,b" });
    expect(unknown.status).toBe(415);
    expect(problemOf(unknown).supported).toEqual(["application/json", "application/x-www-form-urlencoded"]);
    const missing = await call(app, { method: "POST", url: "/m", body: "{}" });
    expect(missing.status).toBe(415);
  });

  test("a chunked JSON body is read whole", async () => {
    const app = new ResourceApp().addRoute("/m", echoMedia);
    const result = await call(app, { method: "POST", url: "/m", headers: { "Content-Type": "application/json; charset=utf-8" }, body: chunks('{"a"', ":[1,", "2]}") });
    expect(JSON.parse(result.text)).toEqual({ received: { a: [1, 2] } });
  });
});

describe("responses", () => {
  test("a streamed body goes out chunked, and its close() is called once", async () => {
    const close = vi.fn<() => void>();
    async function* generate(): AsyncGenerator<string> {
      yield "one,";
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield "two";
    }
    const app = new ResourceApp().addRoute("/stream", {
      onGet(_request: Request, response: Response) {
        response.contentType = "text/plain";
        response.stream = Object.assign(generate(), { close });
      },
    });
    const result = await call(app, { url: "/stream" });
    expect(result.text).toBe("one,two");
    expect(result.header("transfer-encoding")).toBe("chunked");
    expect(result.header("content-type")).toBe("text/plain");
    expect(close).toHaveBeenCalledTimes(1);
  });

  test("content negotiation: Accept picks the handler, Vary: Accept is sent, nothing acceptable is a 406", async () => {
    const app = new ResourceApp().addRoute("/n", {
      onGet(_request: Request, response: Response) {
        response.media = { a: "1 2" };
      },
    });
    const form = await call(app, { url: "/n", headers: { Accept: "application/x-www-form-urlencoded, application/json;q=0.5" } });
    expect(form.header("content-type")).toBe("application/x-www-form-urlencoded");
    expect(form.text).toBe("a=1+2");
    expect(form.header("vary")).toBe("Accept");
    const json = await call(app, { url: "/n", headers: { Accept: "text/html, application/*;q=0.9" } });
    expect(json.header("content-type")).toBe("application/json");
    const refused = await call(app, { url: "/n", headers: { Accept: "text/html" } });
    expect(refused.status).toBe(406);
    expect(problemOf(refused)).toMatchObject({ status: 406, available: ["application/json", "application/x-www-form-urlencoded"] });
  });

  test("a custom media handler set with app.media.set serializes and parses its type", async () => {
    const app = new ResourceApp();
    app.media.set("text/csv", {
      deserialize: (body) => Buffer.from(body).toString("utf8").trim().split(","),
      serialize: (media) => (media as string[]).join(","),
    });
    app.addRoute("/csv", {
      async onPost(request: Request, response: Response) {
        const values = await request.getMedia<string[]>();
        response.contentType = "text/csv";
        response.media = values.reverse();
      },
    });
    const result = await call(app, { method: "POST", url: "/csv", headers: { "Content-Type": "text/csv" }, body: "a,b,c\n" });
    expect(result.header("content-type")).toBe("text/csv");
    expect(result.text).toBe("c,b,a");
  });

  test("cookies: the request's are parsed, the response sets and unsets them", async () => {
    const app = new ResourceApp().addRoute("/session", {
      onGet(request: Request, response: Response) {
        response.setCookie("seen", request.cookies.visit ?? "none", { httpOnly: true, path: "/" });
        response.unsetCookie("old");
        response.text = "ok";
      },
    });
    const result = await call(app, { url: "/session", headers: { Cookie: "visit=3; other=x" } });
    const setCookies = result.headers.filter(([name]) => name.toLowerCase() === "set-cookie").map(([, value]) => value);
    expect(setCookies[0]).toBe("seen=3; Path=/; HttpOnly");
    expect(setCookies[1]).toMatch(/^old=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT$/);
  });

  test("a data body is sent as bytes with application/octet-stream by default", async () => {
    const app = new ResourceApp().addRoute("/bytes", {
      onGet(_request: Request, response: Response) {
        response.data = new Uint8Array([0, 1, 255]);
      },
    });
    const result = await call(app, { url: "/bytes" });
    expect([...result.body]).toEqual([0, 1, 255]);
    expect(result.header("content-type")).toBe("application/octet-stream");
    expect(result.header("content-length")).toBe("3");
  });
});

describe("the environ dump (the seed tutorial's app)", () => {
  test("answers 200 text/html with every environ key, the greeting and the time", async () => {
    const app = new ResourceApp().addRoute("/environ", new EnvironDumpResource());
    const result = await call(app, { url: "/environ?x=1", headers: { "X-Trace": "abc" } });
    expect(result.status).toBe(200);
    expect(result.header("content-type")).toBe("text/html");
    for (const line of ["REQUEST_METHOD: GET", "PATH_INFO: /environ", "QUERY_STRING: x=1", "HTTP_X_TRACE: abc", "SERVER_PROTOCOL: HTTP/1.1", "gateway.url_scheme: http", "gateway.version: [1,0]", "gateway.input: <object>"]) {
      expect(result.text).toContain(`${line}\n`);
    }
    expect(result.text).toMatch(/==Hello world from a simple WSGI application!--->.+\d{4}.*\n$/);
  });
});

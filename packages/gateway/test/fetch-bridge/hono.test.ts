// The fetch bridge against the real Hono package: a Hono app on the gateway, a gateway app as a fetch handler, and both at once.
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { stream } from "hono/streaming";
import { describe, expect, test } from "vitest";
import { callApp } from "../../src/call-app.js";
import { fromFetchHandler } from "../../src/fetch-bridge/from-fetch-handler.js";
import { toFetchHandler } from "../../src/fetch-bridge/to-fetch-handler.js";
import type { Application, Environ } from "../../src/types.js";
import { assertBodyClosed } from "../../src/validate/assert-body-closed.js";
import { validate } from "../../src/validate/validate.js";
import type { ValidationError } from "../../src/validate/validation-error.js";

const decoder = new TextDecoder();

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A cookie expiry with a comma in it (IMF-fixdate), within the 400 days Hono allows (RFC 6265bis). */
const COOKIE_EXPIRES = new Date(Math.floor(Date.now() / 1000) * 1000 + 86_400_000);

/** The Hono app under test; `/stream` holds its last chunk until `streamGate` opens and records when it wrote it. */
function createHonoApp(streamGate: Promise<void> = Promise.resolve()) {
  const progress = { wroteLast: false, aborted: false };
  const hono = new Hono();
  hono.get("/", (c) => c.text("Hello from Hono"));
  hono.get("/json", (c) => c.json({ ok: true, path: c.req.path, query: c.req.query("q") ?? null }));
  hono.post("/echo", async (c) => c.text(await c.req.text(), 201, { "X-Echo-Type": c.req.header("content-type") ?? "" }));
  hono.get("/stream", (c) =>
    stream(c, async (output) => {
      output.onAbort(() => {
        progress.aborted = true;
      });
      await output.write("first;");
      await streamGate;
      await output.write("last");
      progress.wroteLast = true;
    }),
  );
  hono.get("/cookies", (c) => {
    setCookie(c, "session", "abc", { path: "/", httpOnly: true });
    setCookie(c, "theme", "dark", { expires: COOKIE_EXPIRES });
    return c.text("two cookies");
  });
  return { hono, progress };
}

describe("a Hono app on the gateway (fromFetchHandler, in process through callApp)", () => {
  const { hono } = createHonoApp();
  const violations: ValidationError[] = [];
  const app = validate(fromFetchHandler(hono.fetch), { onViolation: (error) => violations.push(error), logToErrorStream: false });

  async function call(request: Parameters<typeof callApp>[1]) {
    const result = await callApp(app, request);
    assertBodyClosed(result.environ);
    expect(violations).toEqual([]);
    return result;
  }

  test("GET / answers text", async () => {
    const result = await call({ url: "/" });
    expect(result.status).toBe(200);
    expect(result.reason).toBe("OK");
    expect(result.header("content-type")).toBe("text/plain;charset=UTF-8");
    expect(result.text).toBe("Hello from Hono");
  });

  test("GET /json answers JSON built from the path and query", async () => {
    const result = await call({ url: "/json?q=patch%20bay" });
    expect(result.header("content-type")).toBe("application/json");
    expect(JSON.parse(result.text)).toEqual({ ok: true, path: "/json", query: "patch bay" });
  });

  test("POST /echo reads the request body and headers", async () => {
    const result = await call({ method: "POST", url: "/echo", headers: { "Content-Type": "text/plain" }, body: "echo me" });
    expect(result.status).toBe(201);
    expect(result.header("x-echo-type")).toBe("text/plain");
    expect(result.text).toBe("echo me");
  });

  test("GET /stream (hono/streaming) arrives chunked", async () => {
    const result = await call({ url: "/stream" });
    expect(result.text).toBe("first;last");
    expect(result.header("transfer-encoding")).toBe("chunked");
    expect(result.header("content-length")).toBeUndefined();
  });

  test("GET /cookies keeps both Set-Cookie fields apart", async () => {
    const result = await call({ url: "/cookies" });
    const cookies = result.headers.filter(([name]) => name === "set-cookie").map(([, value]) => value);
    expect(cookies).toEqual(["session=abc; Path=/; HttpOnly", `theme=dark; Path=/; Expires=${COOKIE_EXPIRES.toUTCString()}`]);
  });

  test("an unknown route is Hono's 404", async () => {
    const result = await call({ url: "/missing" });
    expect(result.status).toBe(404);
    expect(result.reason).toBe("Not Found");
  });

  test("HEAD / sends the head without a body", async () => {
    const result = await call({ method: "HEAD", url: "/" });
    expect(result.status).toBe(200);
    expect(result.body.length).toBe(0);
  });
});

describe("a gateway app as a fetch handler (toFetchHandler, called with real Requests)", () => {
  const tutorialApp: Application = (environ, startResponse) => {
    startResponse("200 OK", [["Content-Type", "text/html"]]);
    const lines = Object.keys(environ)
      .filter((key) => /^[A-Z_]+$/.test(key))
      .sort()
      .map((key) => `${key}: ${String(environ[key])}`);
    return [lines.join("\n"), "\nHello world from a simple WSGI application!\n", new Date().toISOString()];
  };

  test("the tutorial app answers 200 text/html with the environ and its greeting", async () => {
    const violations: ValidationError[] = [];
    let seen: Environ | undefined;
    const handler = toFetchHandler(
      validate(
        (environ, startResponse) => {
          seen = environ;
          return tutorialApp(environ, startResponse);
        },
        { onViolation: (error) => violations.push(error), logToErrorStream: false },
      ),
    );
    const response = await handler(new Request("http://localhost:3000/hello?name=x", { headers: { "Accept-Language": "zh-CN" } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html");
    const body = await response.text();
    expect(body).toContain("PATH_INFO: /hello");
    expect(body).toContain("QUERY_STRING: name=x");
    expect(body).toContain("HTTP_ACCEPT_LANGUAGE: zh-CN");
    expect(body).toContain("Hello world from a simple WSGI application!");
    assertBodyClosed(seen as Environ);
    expect(violations).toEqual([]);
  });
});

describe("round trip: toFetchHandler(fromFetchHandler(hono.fetch))", () => {
  test("text, JSON, echo and cookies survive both bridges", async () => {
    const { hono } = createHonoApp();
    const handler = toFetchHandler(fromFetchHandler(hono.fetch));
    const text = await handler(new Request("http://localhost/"));
    expect(await text.text()).toBe("Hello from Hono");
    const json = await handler(new Request("http://localhost/json?q=1"));
    expect(await json.json()).toEqual({ ok: true, path: "/json", query: "1" });
    const echo = await handler(new Request("http://localhost/echo", { method: "POST", body: "round trip", headers: { "Content-Type": "text/plain" } }));
    expect(echo.status).toBe(201);
    expect(await echo.text()).toBe("round trip");
    const cookies = await handler(new Request("http://localhost/cookies"));
    expect(cookies.headers.getSetCookie()).toEqual(["session=abc; Path=/; HttpOnly", `theme=dark; Path=/; Expires=${COOKIE_EXPIRES.toUTCString()}`]);
  });

  test("the stream is not buffered: the first chunk is read before Hono has written the last", async () => {
    const last = gate();
    const { hono, progress } = createHonoApp(last.promise);
    const handler = toFetchHandler(fromFetchHandler(hono.fetch));
    const response = await handler(new Request("http://localhost/stream"));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(decoder.decode((await reader.read()).value)).toBe("first;");
    expect(progress.wroteLast).toBe(false);
    last.open();
    let rest = "";
    for (let next = await reader.read(); next.done !== true; next = await reader.read()) rest += decoder.decode(next.value);
    expect(rest).toBe("last");
    expect(progress.wroteLast).toBe(true);
  });

  test("a client cancelling the outer Response stops Hono's stream", async () => {
    const never = gate();
    const { hono, progress } = createHonoApp(never.promise);
    const handler = toFetchHandler(fromFetchHandler(hono.fetch));
    const response = await handler(new Request("http://localhost/stream"));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(decoder.decode((await reader.read()).value)).toBe("first;");
    await reader.cancel();
    // Cancelling aborts gateway.disconnect, which cancels Hono's Response stream at once: its onAbort runs.
    for (let turn = 0; turn < 20 && !progress.aborted; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(progress.aborted).toBe(true);
    never.open();
  });
});

import { describe, expect, test } from "vitest";
import { createEnviron } from "../../src/environ.js";
import { requestFromEnviron } from "../../src/fetch-bridge/request-from-environ.js";
import { createEmptyInputStream, createInputStream } from "../../src/input-stream.js";
import type { Environ } from "../../src/types.js";

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}

function environOf(method: string, target: string, rawHeaders: string[], body?: AsyncIterable<Uint8Array>, contentLength?: number): Environ {
  return createEnviron({
    method,
    target,
    protocol: "HTTP/1.1",
    rawHeaders,
    remoteAddress: "127.0.0.1",
    remotePort: 1,
    serverName: "localhost",
    serverPort: 8000,
    input: body === undefined ? createEmptyInputStream() : createInputStream(body, { contentLength }),
    scriptName: "/mount",
  });
}

describe("URL, method and headers", () => {
  test("the URL is the full request URI (SCRIPT_NAME + PATH_INFO + query), host from Host", () => {
    const request = requestFromEnviron(environOf("GET", "/mount/a%20b?x=1", ["Host", "example.test:8080"]));
    expect(request.url).toBe("http://example.test:8080/mount/a%20b?x=1");
    expect(request.method).toBe("GET");
  });

  test("stripScriptName leaves the mount point out of the URL", () => {
    const request = requestFromEnviron(environOf("GET", "/mount/users?page=2", ["Host", "h"]), { stripScriptName: true });
    expect(request.url).toBe("http://h/users?page=2");
  });

  test("without Host the URL uses SERVER_NAME and SERVER_PORT", () => {
    expect(requestFromEnviron(environOf("GET", "/", [])).url).toBe("http://localhost:8000/");
  });

  test("HTTP_* keys become header fields; hop-by-hop ones are left out; Content-Type and Content-Length come back", () => {
    const environ = environOf("POST", "/", ["Host", "h", "Accept-Language", "fr", "Cookie", "a=1", "Cookie", "b=2", "Connection", "keep-alive", "TE", "trailers", "Content-Type", "text/plain", "Content-Length", "2"], chunks("hi"), 2);
    const headers = requestFromEnviron(environ).headers;
    expect(headers.get("accept-language")).toBe("fr");
    expect(headers.get("cookie")).toBe("a=1; b=2");
    expect(headers.get("content-type")).toBe("text/plain");
    expect(headers.get("content-length")).toBe("2");
    expect(headers.get("connection")).toBeNull();
    expect(headers.get("te")).toBeNull();
  });

  test("gateway.disconnect becomes the Request's signal", () => {
    const controller = new AbortController();
    const environ = environOf("GET", "/", []);
    environ["gateway.disconnect"] = controller.signal;
    const request = requestFromEnviron(environ);
    expect(request.signal.aborted).toBe(false);
    controller.abort();
    expect(request.signal.aborted).toBe(true);
  });
});

describe("body", () => {
  test("GET and HEAD have no body even with a Content-Length", () => {
    expect(requestFromEnviron(environOf("GET", "/", ["Content-Length", "3"], chunks("abc"), 3)).body).toBeNull();
    expect(requestFromEnviron(environOf("HEAD", "/", [])).body).toBeNull();
  });

  test("a POST without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3)", () => {
    expect(requestFromEnviron(environOf("POST", "/", [])).body).toBeNull();
    expect(requestFromEnviron(environOf("POST", "/", ["Content-Length", "0"])).body).toBeNull();
  });

  test("a body with Content-Length is read from gateway.input", async () => {
    const request = requestFromEnviron(environOf("PUT", "/", ["Content-Length", "11"], chunks("hello", " world"), 11));
    expect(request.duplex).toBe("half");
    expect(await request.text()).toBe("hello world");
  });

  test("a chunked body is read from gateway.input to its end, and the Transfer-Encoding field is not forwarded", async () => {
    const request = requestFromEnviron(environOf("POST", "/", ["Transfer-Encoding", "chunked"], chunks("a", "b", "c")));
    expect(request.headers.get("transfer-encoding")).toBeNull();
    expect(await request.text()).toBe("abc");
  });

  test("gateway.input is pulled one chunk per read, not ahead of the consumer", async () => {
    let produced = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for (let index = 0; index < 5; index++) {
        produced += 1;
        yield new Uint8Array([index]);
      }
    }
    const request = requestFromEnviron(environOf("POST", "/", ["Transfer-Encoding", "chunked"], counted()));
    await new Promise((resolve) => setImmediate(resolve));
    expect(produced).toBe(0);
    const reader = (request.body as ReadableStream<Uint8Array>).getReader();
    expect(Array.from((await reader.read()).value ?? [])).toEqual([0]);
    expect(produced).toBe(1);
    await reader.cancel();
  });

  test("a short body (input incomplete) errors the Request body stream", async () => {
    const request = requestFromEnviron(environOf("POST", "/", ["Content-Length", "10"], chunks("short"), 10));
    await expect(request.text()).rejects.toMatchObject({ code: "ERR_GATEWAY_INPUT_INCOMPLETE", status: 400 });
  });
});

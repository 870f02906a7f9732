import { describe, expect, test } from "vitest";
import { environFromRequest } from "../../src/fetch-bridge/environ-from-request.js";

const decoder = new TextDecoder();

describe("URL → environ", () => {
  test("method, decoded path, raw target and query come from the URL; the fragment is dropped", () => {
    const environ = environFromRequest(new Request("http://example.test:8080/a%20b/c?x=1&y=%20#frag", { method: "PATCH" }));
    expect(environ).toMatchObject({
      REQUEST_METHOD: "PATCH",
      PATH_INFO: "/a b/c",
      QUERY_STRING: "x=1&y=%20",
      REQUEST_URI: "/a%20b/c?x=1&y=%20",
      SERVER_NAME: "example.test",
      SERVER_PORT: "8080",
      SERVER_PROTOCOL: "HTTP/1.1",
      "gateway.url_scheme": "http",
    });
  });

  test("https without a port means 443; http without a port means 80", () => {
    expect(environFromRequest(new Request("https://example.test/")).SERVER_PORT).toBe("443");
    expect(environFromRequest(new Request("https://example.test/"))["gateway.url_scheme"]).toBe("https");
    expect(environFromRequest(new Request("http://example.test/")).SERVER_PORT).toBe("80");
  });

  test("an IPv6 literal keeps its brackets and its port is read after them", () => {
    const environ = environFromRequest(new Request("http://[::1]:9000/x"));
    expect(environ.SERVER_NAME).toBe("[::1]");
    expect(environ.SERVER_PORT).toBe("9000");
    expect(environ.HTTP_HOST).toBe("[::1]:9000");
  });

  test("scriptName moves the mount point from PATH_INFO into SCRIPT_NAME", () => {
    const environ = environFromRequest(new Request("http://localhost/api/users"), { scriptName: "/api" });
    expect(environ.SCRIPT_NAME).toBe("/api");
    expect(environ.PATH_INFO).toBe("/users");
  });

  test("a path that is not percent-encoded UTF-8 is a 400 GatewayError", () => {
    expect(() => environFromRequest(new Request("http://localhost/%FF"))).toThrow(expect.objectContaining({ code: "ERR_GATEWAY_BAD_REQUEST_TARGET", status: 400 }));
  });
});

describe("headers and remote address", () => {
  test("each header becomes an HTTP_* key; Host is taken from the URL when the Request has none", () => {
    const environ = environFromRequest(new Request("http://example.test:81/", { headers: { "Accept-Language": "fr", "Content-Type": "text/plain" } }));
    expect(environ.HTTP_ACCEPT_LANGUAGE).toBe("fr");
    expect(environ.CONTENT_TYPE).toBe("text/plain");
    expect(environ.HTTP_HOST).toBe("example.test:81");
  });

  test("a Host header the runtime passed wins over the URL", () => {
    const environ = environFromRequest(new Request("http://127.0.0.1:3000/", { headers: { Host: "public.example" } }));
    expect(environ.HTTP_HOST).toBe("public.example");
  });

  test("REMOTE_ADDR defaults to 127.0.0.1 and may come from a fixed value or a function of the request", () => {
    const request = new Request("http://localhost/");
    expect(environFromRequest(request).REMOTE_ADDR).toBe("127.0.0.1");
    expect(environFromRequest(request, { remoteAddress: "10.1.2.3", remotePort: 5000 })).toMatchObject({ REMOTE_ADDR: "10.1.2.3", REMOTE_PORT: "5000" });
    expect(environFromRequest(request, { remoteAddress: (seen) => (seen === request ? "192.0.2.7" : undefined) }).REMOTE_ADDR).toBe("192.0.2.7");
  });

  test("request.signal is gateway.disconnect and extra keys are copied", () => {
    const controller = new AbortController();
    const environ = environFromRequest(new Request("http://localhost/", { signal: controller.signal }), { extra: { "fetch.test": 1 } });
    expect(environ["fetch.test"]).toBe(1);
    const disconnect = environ["gateway.disconnect"];
    expect(disconnect?.aborted).toBe(false);
    controller.abort();
    expect(disconnect?.aborted).toBe(true);
  });
});

describe("body → gateway.input", () => {
  test("a GET has an empty input and no CONTENT_LENGTH", async () => {
    const environ = environFromRequest(new Request("http://localhost/"));
    expect(environ.CONTENT_LENGTH).toBeUndefined();
    expect((await environ["gateway.input"].read()).length).toBe(0);
  });

  test("a body with Content-Length is read up to that length", async () => {
    const environ = environFromRequest(new Request("http://localhost/", { method: "POST", body: "hello", headers: { "Content-Length": "5" } }));
    expect(environ.CONTENT_LENGTH).toBe("5");
    expect(environ.HTTP_TRANSFER_ENCODING).toBeUndefined();
    expect(decoder.decode(await environ["gateway.input"].read())).toBe("hello");
  });

  test("a body of unknown length is announced as chunked and read to its end", async () => {
    const environ = environFromRequest(new Request("http://localhost/", { method: "PUT", body: "streamed body" }));
    expect(environ.CONTENT_LENGTH).toBeUndefined();
    expect(environ.HTTP_TRANSFER_ENCODING).toBe("chunked");
    expect(decoder.decode(await environ["gateway.input"].read())).toBe("streamed body");
  });

  test("the body stream is not touched until the application reads", async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls += 1;
          controller.enqueue(new TextEncoder().encode(`part${pulls};`));
          if (pulls === 3) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const environ = environFromRequest(new Request("http://localhost/", { method: "POST", body, duplex: "half" }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulls).toBe(0);
    const lines: string[] = [];
    for await (const chunk of environ["gateway.input"]) lines.push(decoder.decode(chunk));
    expect(lines).toEqual(["part1;", "part2;", "part3;"]);
  });
});

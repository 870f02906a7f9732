// Tests for chain-request.ts: the lazy request view over the environ.
import { createEmptyInputStream, createEnviron, type EnvironRequest } from "@patchbay/gateway";
import { describe, expect, test } from "vitest";
import { ChainRequest } from "../src/chain-request.js";

function requestFor(overrides: Partial<EnvironRequest> = {}): ChainRequest {
  return new ChainRequest(
    createEnviron({
      method: "GET",
      target: "/",
      protocol: "HTTP/1.1",
      rawHeaders: [],
      remoteAddress: "10.0.0.7",
      remotePort: 5000,
      serverName: "example.org",
      serverPort: 80,
      input: createEmptyInputStream(),
      ...overrides,
    }),
  );
}

describe("ChainRequest", () => {
  test("path falls back to / when PATH_INFO is empty (app mounted at its own root)", () => {
    expect(requestFor({ target: "/app", scriptName: "/app" }).path).toBe("/");
  });

  test("query: parsed once, repeated names become arrays, + is a space, no prototype", () => {
    const request = requestFor({ target: "/?a=1&b=x+y&a=2&__proto__=z" });
    expect(request.query.a).toEqual(["1", "2"]);
    expect(request.query.b).toBe("x y");
    expect(request.query.__proto__).toBe("z");
    expect(request.query).toBe(request.query);
    expect(request.search).toBe("?a=1&b=x+y&a=2&__proto__=z");
    expect(requestFor().search).toBe("");
  });

  test("headers: lower-case names, combined repeats, Content-Type and Content-Length included", () => {
    const request = requestFor({ rawHeaders: ["Accept", "text/html", "accept", "application/json", "Content-Type", "text/plain", "Content-Length", "0", "X_Spoof", "x"] });
    expect(request.headers).toEqual({ accept: "text/html, application/json", "content-type": "text/plain", "content-length": "0" });
    expect(request.get("ACCEPT")).toBe("text/html, application/json");
    expect(request.get("content-type")).toBe("text/plain");
    expect(request.get("x_spoof")).toBeUndefined();
    expect(request.get("missing")).toBeUndefined();
  });

  test("Referrer and Referer are the same header", () => {
    const request = requestFor({ rawHeaders: ["Referer", "/from"] });
    expect(request.get("referrer")).toBe("/from");
    expect(request.get("Referer")).toBe("/from");
  });

  test("host, protocol, secure, ip, href", () => {
    const withHost = requestFor({ target: "/p?q=1", rawHeaders: ["Host", "api.example.org:8443"], urlScheme: "https" });
    expect(withHost.host).toBe("api.example.org:8443");
    expect(withHost.protocol).toBe("https");
    expect(withHost.secure).toBe(true);
    expect(withHost.href).toBe("https://api.example.org:8443/p?q=1");
    const withoutHost = requestFor({ serverPort: 8080 });
    expect(withoutHost.host).toBe("example.org:8080");
    expect(requestFor().host).toBe("example.org");
    expect(withoutHost.ip).toBe("10.0.0.7");
    expect(withoutHost.secure).toBe(false);
  });

  test("type, charset, length and hasBody", () => {
    const request = requestFor({ method: "POST", rawHeaders: ["Content-Type", "Application/JSON; Charset=\"UTF-8\"", "Content-Length", "12"] });
    expect(request.type).toBe("application/json");
    expect(request.charset).toBe("utf-8");
    expect(request.length).toBe(12);
    expect(request.hasBody).toBe(true);
    expect(requestFor({ rawHeaders: ["Content-Length", "0"] }).hasBody).toBe(false);
    expect(requestFor({ rawHeaders: ["Transfer-Encoding", "chunked"] }).hasBody).toBe(true);
    expect(requestFor({ rawHeaders: ["Content-Length", "abc"] }).length).toBeUndefined();
    expect(requestFor().type).toBe("");
  });

  test("stream is gateway.input; body starts undefined", () => {
    const request = requestFor();
    expect(request.stream).toBe(request.environ["gateway.input"]);
    expect(request.body).toBeUndefined();
  });
});

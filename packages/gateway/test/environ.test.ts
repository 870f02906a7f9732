import { describe, expect, test } from "vitest";
import { createEnviron, environKeyForHeader, type EnvironRequest } from "../src/environ.js";
import { GatewayError } from "../src/errors.js";
import { createEmptyInputStream } from "../src/input-stream.js";

function request(overrides: Partial<EnvironRequest> = {}): EnvironRequest {
  return {
    method: "GET",
    target: "/",
    protocol: "HTTP/1.1",
    rawHeaders: ["Host", "example.test"],
    remoteAddress: "127.0.0.1",
    remotePort: 51000,
    serverName: "127.0.0.1",
    serverPort: 8000,
    input: createEmptyInputStream(),
    ...overrides,
  };
}

describe("createEnviron", () => {
  test("fills every CGI key with its PEP 3333 meaning", () => {
    const environ = createEnviron(request({ method: "POST", target: "/a%20b?x=1", rawHeaders: ["Host", "h", "Content-Type", "text/plain", "Content-Length", "3"] }));
    expect(environ).toMatchObject({
      REQUEST_METHOD: "POST",
      SCRIPT_NAME: "",
      PATH_INFO: "/a b",
      QUERY_STRING: "x=1",
      REQUEST_URI: "/a%20b?x=1",
      SERVER_NAME: "127.0.0.1",
      SERVER_PORT: "8000",
      SERVER_PROTOCOL: "HTTP/1.1",
      REMOTE_ADDR: "127.0.0.1",
      REMOTE_PORT: "51000",
      CONTENT_TYPE: "text/plain",
      CONTENT_LENGTH: "3",
      HTTP_HOST: "h",
      "gateway.version": [1, 0],
      "gateway.url_scheme": "http",
      "gateway.multithread": false,
      "gateway.multiprocess": false,
      "gateway.run_once": false,
    });
    expect(environ.HTTP_CONTENT_TYPE).toBeUndefined();
    expect(typeof environ["gateway.file_wrapper"]).toBe("function");
  });

  test("joins repeated headers with ', ' and cookies with '; '", () => {
    const environ = createEnviron(request({ rawHeaders: ["Accept", "a", "accept", "b", "Cookie", "x=1", "Cookie", "y=2"] }));
    expect(environ.HTTP_ACCEPT).toBe("a, b");
    expect(environ.HTTP_COOKIE).toBe("x=1; y=2");
  });

  test("drops header names with an underscore (they would alias '-' names)", () => {
    const environ = createEnviron(request({ rawHeaders: ["X_Forwarded_For", "evil", "X-Forwarded-For", "good"] }));
    expect(environ.HTTP_X_FORWARDED_FOR).toBe("good");
    expect(environKeyForHeader("Accept-Language")).toBe("HTTP_ACCEPT_LANGUAGE");
    expect(environKeyForHeader("a_b")).toBeNull();
  });

  test("splits SCRIPT_NAME from PATH_INFO at the mount point", () => {
    expect(createEnviron(request({ target: "/app/x/y", scriptName: "/app" }))).toMatchObject({ SCRIPT_NAME: "/app", PATH_INFO: "/x/y" });
    expect(createEnviron(request({ target: "/app", scriptName: "/app" }))).toMatchObject({ SCRIPT_NAME: "/app", PATH_INFO: "" });
    expect(createEnviron(request({ target: "/application", scriptName: "/app" }))).toMatchObject({ SCRIPT_NAME: "", PATH_INFO: "/application" });
  });

  test("copies extra keys last and honours multiprocess", () => {
    const environ = createEnviron(request({ multiprocess: true, extra: { "loop.connection": 7, DEPLOY: "blue" } }));
    expect(environ["gateway.multiprocess"]).toBe(true);
    expect(environ["loop.connection"]).toBe(7);
    expect(environ.DEPLOY).toBe("blue");
  });

  test("a path that cannot be decoded is a 400 GatewayError", () => {
    let caught: unknown;
    try {
      createEnviron(request({ target: "/%zz" }));
    } catch (error) {
      caught = error;
    }
    expect(GatewayError.isGatewayError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: "ERR_GATEWAY_BAD_REQUEST_TARGET", status: 400 });
  });
});

/** Conformance cases: the environ a server builds (every CGI key, HTTP_* mapping, gateway.* keys). */
import { describe, expect, it } from "vitest";
import type { Application, Environ } from "@patchbay/gateway";
import type { ServerOptionsInput } from "@patchbay/server-kit";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer } from "./test-server.js";

/** What the dump app reports of an environ: strings as they are, other values by kind. */
type EnvironDump = Record<string, unknown>;

/** Methods the dump reports for object values (gateway.input, gateway.errors). */
const PROBED_METHODS = ["flush", "read", "readline", "write"] as const;

function describeValue(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean" || Array.isArray(value)) return value;
  if (value instanceof AbortSignal) return { kind: "AbortSignal", aborted: value.aborted };
  if (typeof value === "function") return { kind: "function" };
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    return { kind: "object", methods: PROBED_METHODS.filter((name) => typeof record[name] === "function") };
  }
  return { kind: typeof value };
}

/** Answers 200 application/json with every environ key described. */
const dumpEnviron: Application = (environ: Environ, startResponse) => {
  const dump: EnvironDump = {};
  for (const key of Object.keys(environ)) dump[key] = describeValue(environ[key]);
  // gateway.disconnect may be a getter that is not enumerable on some servers; report it either way.
  dump["gateway.disconnect"] = describeValue(environ["gateway.disconnect"]);
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [JSON.stringify(dump)];
};

async function dumpOverRawSocket(port: number, request: string): Promise<EnvironDump> {
  const connection = await RawConnection.open(port);
  try {
    connection.send(request);
    const response = await connection.readResponse();
    expect(response.status).toBe(200);
    return JSON.parse(response.body.toString("utf8")) as EnvironDump;
  } finally {
    connection.close();
  }
}

/** Registers the environ cases for `target`. */
export function defineEnvironCases(target: ServerConformanceTarget): void {
  const start = (options?: ServerOptionsInput) => startTestServer(target, dumpEnviron, options);

  describe("environ", () => {
    it("sets every CGI key, with PATH_INFO percent-decoded and REQUEST_URI/QUERY_STRING raw", async () => {
      const server = await start();
      const response = await fetch(server.url("/a%20b/%C3%A9t%C3%A9;p?x=1&y=%20&z=%C3%A9"), { headers: { "X-Custom": "yes" } });
      expect(response.status).toBe(200);
      const environ = (await response.json()) as EnvironDump;
      expect(environ.REQUEST_METHOD).toBe("GET");
      expect(environ.SCRIPT_NAME).toBe("");
      expect(environ.PATH_INFO).toBe("/a b/été;p");
      expect(environ.QUERY_STRING).toBe("x=1&y=%20&z=%C3%A9");
      expect(environ.REQUEST_URI).toBe("/a%20b/%C3%A9t%C3%A9;p?x=1&y=%20&z=%C3%A9");
      expect(environ.SERVER_NAME).toBe("127.0.0.1");
      expect(environ.SERVER_PORT).toBe(String(server.port));
      expect(environ.SERVER_PROTOCOL).toBe("HTTP/1.1");
      expect(environ.REMOTE_ADDR).toBe("127.0.0.1");
      expect(environ.REMOTE_PORT).toMatch(/^[1-9]\d*$/);
      expect(environ.HTTP_HOST).toBe(`127.0.0.1:${server.port}`);
      expect(environ.HTTP_X_CUSTOM).toBe("yes");
      expect(environ.CONTENT_LENGTH === undefined || environ.CONTENT_LENGTH === "" || environ.CONTENT_LENGTH === "0").toBe(true);
    });

    it("sets the gateway.* keys", async () => {
      const server = await start();
      const environ = (await (await fetch(server.url("/"))).json()) as EnvironDump;
      expect(environ["gateway.version"]).toEqual([1, 0]);
      expect(environ["gateway.url_scheme"]).toBe("http");
      expect(typeof environ["gateway.multithread"]).toBe("boolean");
      // Its value is the server's to choose by default (a pre-fork server says true); options.multiprocess sets it.
      expect(typeof environ["gateway.multiprocess"]).toBe("boolean");
      expect(environ["gateway.run_once"]).toBe(false);
      expect(environ["gateway.file_wrapper"]).toEqual({ kind: "function" });
      expect(environ["gateway.input"]).toMatchObject({ kind: "object", methods: expect.arrayContaining(["read", "readline"]) as unknown });
      expect(environ["gateway.errors"]).toMatchObject({ kind: "object", methods: expect.arrayContaining(["flush", "write"]) as unknown });
      expect(environ["gateway.disconnect"]).toEqual({ kind: "AbortSignal", aborted: false });
    });

    it("sets gateway.multiprocess from options.multiprocess", async () => {
      const server = await start({ multiprocess: true });
      const environ = (await (await fetch(server.url("/"))).json()) as EnvironDump;
      expect(environ["gateway.multiprocess"]).toBe(true);
    });

    it("maps headers to HTTP_*: repeated fields joined, Cookie with '; ', names with '_' dropped, Content-Type to CONTENT_TYPE", async () => {
      const server = await start();
      const environ = await dumpOverRawSocket(
        server.port,
        "POST /headers HTTP/1.1\r\nHost: example.test\r\nX-Multi: a\r\nx-multi: b\r\nCookie: one=1\r\nCookie: two=2\r\n" +
          "X_Spoofed: evil\r\nX-Forwarded-For: 10.0.0.1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
      );
      expect(environ.HTTP_HOST).toBe("example.test");
      expect(environ.HTTP_X_MULTI).toBe("a, b");
      expect(environ.HTTP_COOKIE).toBe("one=1; two=2");
      expect(environ.HTTP_X_FORWARDED_FOR).toBe("10.0.0.1");
      expect(Object.keys(environ).filter((key) => key.includes("SPOOFED"))).toEqual([]);
      expect(environ.CONTENT_TYPE).toBe("text/plain; charset=utf-8");
      expect(environ.HTTP_CONTENT_TYPE).toBeUndefined();
      expect(environ.HTTP_CONTENT_LENGTH).toBeUndefined();
      expect(environ.REQUEST_METHOD).toBe("POST");
    });

    it("gives header bytes over 0x7F to the app as latin-1 characters, one per byte (PEP 3333 native strings), and sends them back unchanged", async () => {
      const echo: Application = (environ, startResponse) => {
        const value = environ.HTTP_X_NAME ?? "";
        startResponse("200 OK", [["Content-Type", "application/json"], ["X-Echo", value]]);
        return [JSON.stringify(Array.from({ length: value.length }, (_, index) => value.charCodeAt(index)))];
      };
      const server = await startTestServer(target, echo);
      const connection = await RawConnection.open(server.port);
      try {
        // "caf" + 0xE9 (latin-1 é) + " " + 0xC3 0xA9 (UTF-8 é): RFC 9110 §5.5 obs-text, passed through as bytes.
        connection.send(Buffer.concat([Buffer.from("GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf"), Buffer.from([0xe9, 0x20, 0xc3, 0xa9]), Buffer.from("\r\n\r\n")]));
        const response = await connection.readResponse();
        expect(JSON.parse(response.body.toString("utf8"))).toEqual([0x63, 0x61, 0x66, 0xe9, 0x20, 0xc3, 0xa9]);
        expect(Buffer.from(response.header("x-echo") ?? "", "latin1")).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xc3, 0xa9]));
      } finally {
        connection.close();
      }
    });

    it("keeps SERVER_PROTOCOL HTTP/1.0 for a 1.0 request", async () => {
      const server = await start();
      const environ = await dumpOverRawSocket(server.port, "GET /old?q HTTP/1.0\r\nHost: a\r\n\r\n");
      expect(environ.SERVER_PROTOCOL).toBe("HTTP/1.0");
      expect(environ.PATH_INFO).toBe("/old");
      expect(environ.QUERY_STRING).toBe("q");
    });

    it("answers 400 to a target whose path is not valid percent-encoded UTF-8, and goes on", async () => {
      const server = await start();
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /bad%C3%28 HTTP/1.1\r\nHost: a\r\n\r\n");
        const response = await connection.readResponse();
        expect(response.status).toBe(400);
      } finally {
        connection.close();
      }
      expect((await fetch(server.url("/fine"))).status).toBe(200);
    });
  });
}

/** Conformance cases: request bodies through gateway.input (Content-Length, chunked, read(n), readline, 100-continue). */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Application, Environ } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { createDeferred } from "./deferred.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer } from "./test-server.js";

/** Reads the whole body with read() and answers its length, SHA-256 and (for short bodies) its text. */
const digestBody: Application = async (environ: Environ, startResponse) => {
  const input = environ["gateway.input"];
  const parts: Uint8Array[] = [];
  for (;;) {
    const chunk = await input.read(65536);
    if (chunk.length === 0) break;
    parts.push(chunk);
  }
  const body = Buffer.concat(parts);
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [
    JSON.stringify({
      length: body.length,
      sha256: createHash("sha256").update(body).digest("hex"),
      text: body.length <= 1024 ? body.toString("utf8") : null,
      contentLength: environ.CONTENT_LENGTH ?? null,
      path: environ.PATH_INFO,
    }),
  ];
};

/** Reads the body with read(4) calls and answers the size of each. */
const readInFours: Application = async (environ, startResponse) => {
  const sizes: number[] = [];
  const parts: string[] = [];
  for (;;) {
    const chunk = await environ["gateway.input"].read(4);
    if (chunk.length === 0) break;
    sizes.push(chunk.length);
    parts.push(Buffer.from(chunk).toString("utf8"));
  }
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [JSON.stringify({ sizes, text: parts.join("") })];
};

/** Reads the body line by line with readline() and answers the lines. */
const readLines: Application = async (environ, startResponse) => {
  const lines: string[] = [];
  for (;;) {
    const line = await environ["gateway.input"].readline();
    if (line.length === 0) break;
    lines.push(Buffer.from(line).toString("utf8"));
  }
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [JSON.stringify(lines)];
};

/** Never reads the body; answers the path. */
const ignoreBody: Application = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [`path=${environ.PATH_INFO}`];
};

/** Registers the request-body cases for `target`. */
export function defineRequestBodyCases(target: ServerConformanceTarget): void {
  describe("request body", () => {
    it("reads a Content-Length body whole, and CONTENT_LENGTH says its size", async () => {
      const server = await startTestServer(target, digestBody);
      const response = await fetch(server.url("/upload"), { method: "POST", body: "hello, body" });
      const result = (await response.json()) as Record<string, unknown>;
      expect(result).toMatchObject({ length: 11, text: "hello, body", contentLength: "11" });
    });

    it("reads a 1 MiB body intact", async () => {
      const server = await startTestServer(target, digestBody);
      const body = Buffer.alloc(1024 * 1024);
      for (let index = 0; index < body.length; index++) body[index] = (index * 7) & 0xff;
      const response = await fetch(server.url("/big"), { method: "PUT", body });
      const result = (await response.json()) as Record<string, unknown>;
      expect(result.length).toBe(body.length);
      expect(result.sha256).toBe(createHash("sha256").update(body).digest("hex"));
    });

    it("de-chunks a chunked body and read(n) returns at most n bytes", async () => {
      const server = await startTestServer(target, readInFours);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("POST /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;ext=1\r\n,\r\n6\r\n world\r\n0\r\n\r\n");
        const response = await connection.readResponse();
        expect(response.status).toBe(200);
        const result = JSON.parse(response.body.toString("utf8")) as { sizes: number[]; text: string };
        expect(result.text).toBe("hello, world");
        expect(result.sizes.every((size) => size >= 1 && size <= 4)).toBe(true);
        expect(result.sizes.reduce((sum, size) => sum + size, 0)).toBe(12);
      } finally {
        connection.close();
      }
    });

    it("gives CONTENT_LENGTH no value for a chunked body", async () => {
      const server = await startTestServer(target, digestBody);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        const result = JSON.parse((await connection.readResponse()).body.toString("utf8")) as Record<string, unknown>;
        expect(result).toMatchObject({ length: 3, text: "abc" });
        expect(result.contentLength === null || result.contentLength === "").toBe(true);
      } finally {
        connection.close();
      }
    });

    it("readline() returns one line at a time, LF included, the last line without one", async () => {
      const server = await startTestServer(target, readLines);
      const response = await fetch(server.url("/lines"), { method: "POST", body: "alpha\nbeta\r\n\ngamma" });
      expect(await response.json()).toEqual(["alpha\n", "beta\r\n", "\n", "gamma"]);
    });

    it("never reads past Content-Length: a pipelined request after the body is answered on its own", async () => {
      const server = await startTestServer(target, digestBody);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("POST /first HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET /second HTTP/1.1\r\nHost: a\r\n\r\n");
        const first = JSON.parse((await connection.readResponse()).body.toString("utf8")) as Record<string, unknown>;
        expect(first).toMatchObject({ length: 5, text: "hello", path: "/first" });
        const second = JSON.parse((await connection.readResponse()).body.toString("utf8")) as Record<string, unknown>;
        expect(second).toMatchObject({ length: 0, path: "/second" });
      } finally {
        connection.close();
      }
    });

    it("never parses an unread body as the next request", async () => {
      const server = await startTestServer(target, ignoreBody);
      const connection = await RawConnection.open(server.port);
      try {
        const smuggled = "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n";
        connection.send(`POST /first HTTP/1.1\r\nHost: a\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`);
        const first = await connection.readResponse();
        expect(first.body.toString()).toBe("path=/first");
        // The server may drain the body and keep the connection, or close it; it must never answer /smuggled.
        connection.send("GET /second HTTP/1.1\r\nHost: a\r\n\r\n");
        const second = await connection.readResponse().then(
          (response) => response.body.toString(),
          () => "closed",
        );
        expect(["path=/second", "closed"]).toContain(second);
        expect(connection.pending.toString("latin1")).not.toContain("smuggled");
      } finally {
        connection.close();
      }
    });

    it("hands the app the start of a body before the client has sent the rest", async () => {
      const firstRead = createDeferred<string>();
      const app: Application = async (environ, startResponse) => {
        const input = environ["gateway.input"];
        const first = Buffer.from(await input.read(5)).toString();
        firstRead.resolve(first);
        const rest = Buffer.from(await input.read()).toString();
        startResponse("200 OK", [["Content-Type", "text/plain"]]);
        return [`${first}|${rest}`];
      };
      const server = await startTestServer(target, app);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nfirst");
        // Only half the body is on the wire: the app can read it only if the server streams the body.
        expect(await firstRead.promise).toBe("first");
        connection.send("after");
        expect((await connection.readResponse()).body.toString()).toBe("first|after");
      } finally {
        connection.close();
      }
    });

    it("sends 100 Continue to a client that expects it once the app reads the body", async () => {
      const server = await startTestServer(target, digestBody);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("POST /continue HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        const interim = await connection.readResponse();
        expect(interim.status).toBe(100);
        connection.send("data");
        const final = await connection.readResponse();
        expect(final.status).toBe(200);
        expect(JSON.parse(final.body.toString("utf8"))).toMatchObject({ length: 4, text: "data" });
      } finally {
        connection.close();
      }
    });
  });
}

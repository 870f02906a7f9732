/**
 * Conformance cases: static files over a real socket, through the server's prepareApplication wiring of
 * `root`, `static` mounts and `staticCacheControl`: 200 with ETag, 304, 206, HEAD, traversal refused, and
 * everything else reaching the app.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerOptionsInput } from "@patchbay/server-kit";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer, type TestServer } from "./test-server.js";

const HELLO_TEXT = "hello, static world\n";
const SECRET_TEXT = "outside the document root\n";
/** A compressible text with a precompressed .gz sibling. */
const BIG_TEXT = "patchbay static ".repeat(512);

const fallbackApp: Application = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [`app saw ${environ.PATH_INFO}`];
};

/** Registers the static-file cases for `target`. */
export function defineStaticCases(target: ServerConformanceTarget): void {
  describe("static files", () => {
    let base = "";
    let options: ServerOptionsInput = {};

    beforeAll(async () => {
      base = await mkdtemp(join(tmpdir(), "patchbay-conformance-"));
      await mkdir(join(base, "public", "docs"), { recursive: true });
      await mkdir(join(base, "assets"));
      await writeFile(join(base, "public", "hello.txt"), HELLO_TEXT);
      await writeFile(join(base, "public", "docs", "index.html"), "<h1>docs</h1>\n");
      await writeFile(join(base, "assets", "site.css"), "body { color: black; }\n");
      await writeFile(join(base, "secret.txt"), SECRET_TEXT);
      await writeFile(join(base, "public", ".env"), SECRET_TEXT);
      await writeFile(join(base, "public", "big.txt"), BIG_TEXT);
      await writeFile(join(base, "public", "big.txt.gz"), gzipSync(BIG_TEXT));
      await symlink(join(base, "secret.txt"), join(base, "public", "escape.txt"));
      options = { root: join(base, "public"), static: [{ prefix: "/assets", directory: join(base, "assets") }], staticCacheControl: "public, max-age=60" };
    });

    afterAll(async () => {
      await rm(base, { recursive: true, force: true });
    });

    const start = (): Promise<TestServer> => startTestServer(target, fallbackApp, options);

    it("serves a file under the root with 200, Content-Length, ETag, Last-Modified and the configured Cache-Control", async () => {
      const server = await start();
      const response = await fetch(server.url("/hello.txt"));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(HELLO_TEXT);
      expect(response.headers.get("content-length")).toBe(String(HELLO_TEXT.length));
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(response.headers.get("etag")).toMatch(/^(W\/)?"[^"]+"$/);
      expect(response.headers.get("last-modified")).not.toBeNull();
      expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    });

    it("answers 304 to If-None-Match with the current ETag", async () => {
      const server = await start();
      const etag = (await fetch(server.url("/hello.txt"))).headers.get("etag") as string;
      const connection = await RawConnection.open(server.port);
      try {
        connection.send(`GET /hello.txt HTTP/1.1\r\nHost: a\r\nIf-None-Match: ${etag}\r\n\r\n`);
        const response = await connection.readResponse();
        expect(response.status).toBe(304);
        expect(response.body.length).toBe(0);
        expect(response.header("etag")).toBe(etag);
      } finally {
        connection.close();
      }
    });

    it("answers 206 with Content-Range to a byte range", async () => {
      const server = await start();
      const response = await fetch(server.url("/hello.txt"), { headers: { Range: "bytes=7-12" } });
      expect(response.status).toBe(206);
      expect(response.headers.get("content-range")).toBe(`bytes 7-12/${HELLO_TEXT.length}`);
      expect(await response.text()).toBe("static");
    });

    it("answers 416 with Content-Range */size to an unsatisfiable range", async () => {
      const server = await start();
      const response = await fetch(server.url("/hello.txt"), { headers: { Range: "bytes=5000-6000" } });
      expect(response.status).toBe(416);
      expect(response.headers.get("content-range")).toBe(`bytes */${HELLO_TEXT.length}`);
      await response.arrayBuffer();
    });

    it("answers several ranges with a multipart/byteranges body framed right on the wire", async () => {
      const server = await start();
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /hello.txt HTTP/1.1\r\nHost: a\r\nRange: bytes=0-4,7-12\r\n\r\nGET /hello.txt HTTP/1.1\r\nHost: a\r\n\r\n");
        const multipart = await connection.readResponse();
        expect(multipart.status).toBe(206);
        const boundary = /^multipart\/byteranges; boundary=(.+)$/.exec(multipart.header("content-type") ?? "")?.[1];
        expect(boundary).toBeDefined();
        const text = multipart.body.toString("latin1");
        expect(text).toContain(`--${boundary}\r\n`);
        expect(text).toContain(`Content-Range: bytes 0-4/${HELLO_TEXT.length}\r\n\r\nhello\r\n`);
        expect(text).toContain(`Content-Range: bytes 7-12/${HELLO_TEXT.length}\r\n\r\nstatic\r\n`);
        expect(text.trimEnd().endsWith(`--${boundary}--`)).toBe(true);
        // The next response parses cleanly only if the multipart body was framed to its exact length.
        expect((await connection.readResponse()).body.toString()).toBe(HELLO_TEXT);
      } finally {
        connection.close();
      }
    });

    it("answers 304 to If-Modified-Since at or after Last-Modified, and 412 to an If-Match that does not match", async () => {
      const server = await start();
      const lastModified = (await fetch(server.url("/hello.txt"))).headers.get("last-modified") as string;
      const notModified = await fetch(server.url("/hello.txt"), { headers: { "If-Modified-Since": lastModified } });
      expect(notModified.status).toBe(304);
      const failed = await fetch(server.url("/hello.txt"), { headers: { "If-Match": '"not-the-etag"' } });
      expect(failed.status).toBe(412);
      await failed.arrayBuffer();
    });

    it("sends a precompressed .gz sibling to a client that accepts gzip, with Vary: Accept-Encoding", async () => {
      const server = await start();
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /big.txt HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\nGET /big.txt HTTP/1.1\r\nHost: a\r\n\r\n");
        const compressed = await connection.readResponse();
        expect(compressed.header("content-encoding")).toBe("gzip");
        expect(compressed.header("vary")?.toLowerCase()).toContain("accept-encoding");
        expect(compressed.body.equals(gzipSync(BIG_TEXT))).toBe(true);
        const plain = await connection.readResponse();
        expect(plain.header("content-encoding")).toBeUndefined();
        expect(plain.body.toString()).toBe(BIG_TEXT);
      } finally {
        connection.close();
      }
    });

    it("answers HEAD with the file's headers and no body", async () => {
      const server = await start();
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("HEAD /hello.txt HTTP/1.1\r\nHost: a\r\n\r\nGET /hello.txt HTTP/1.1\r\nHost: a\r\n\r\n");
        const head = await connection.readResponse({ head: true });
        expect(head.status).toBe(200);
        expect(head.header("content-length")).toBe(String(HELLO_TEXT.length));
        const get = await connection.readResponse();
        expect(get.body.toString()).toBe(HELLO_TEXT);
      } finally {
        connection.close();
      }
    });

    it("serves a mount's files under its prefix, and a directory's index.html", async () => {
      const server = await start();
      const css = await fetch(server.url("/assets/site.css"));
      expect(css.status).toBe(200);
      expect(css.headers.get("content-type")).toMatch(/^text\/css/);
      const docs = await fetch(server.url("/docs/"));
      expect(docs.status).toBe(200);
      expect(await docs.text()).toBe("<h1>docs</h1>\n");
    });

    it("hands a path with no file to the application", async () => {
      const server = await start();
      const response = await fetch(server.url("/dynamic/page"));
      expect(await response.text()).toBe("app saw /dynamic/page");
    });

    it("never serves a dotfile under the root by default", async () => {
      const server = await start();
      const response = await fetch(server.url("/.env"));
      const text = await response.text();
      expect(text).not.toContain(SECRET_TEXT.trim());
      // Refused, or handed to the app; never the file.
      expect(response.status === 200 ? text === "app saw /.env" : [403, 404].includes(response.status)).toBe(true);
    });

    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/docs/..%2f..%2fsecret.txt", "/assets/../../secret.txt", "/assets/%2e%2e/secret.txt", "/hello.txt%00.png", "/escape.txt"]) {
      it(`never serves a file outside its directories (${path})`, async () => {
        const server = await start();
        const connection = await RawConnection.open(server.port);
        try {
          connection.send(`GET ${path} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
          const response = await connection.readResponse();
          expect(response.body.toString()).not.toContain(SECRET_TEXT.trim());
          // Refused (400/403/404), or handed to the app, never a file outside the root.
          expect(response.status === 200 ? response.body.toString().startsWith("app saw ") : [400, 403, 404].includes(response.status)).toBe(true);
        } finally {
          connection.close();
        }
      });
    }
  });
}

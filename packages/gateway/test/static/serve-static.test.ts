import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callApp, type CallAppRequest, type CallAppResult } from "../../src/call-app.js";
import { fileWrapper } from "../../src/file-wrapper.js";
import { serveStatic } from "../../src/static/serve-static.js";
import { MEMORY_CACHE_MAX_FILE_BYTES, type StaticOptions } from "../../src/static/static-options.js";
import type { Application, Body, Environ, FileWrapper, HeaderList } from "../../src/types.js";
import { assertBodyClosed } from "../../src/validate/assert-body-closed.js";
import { validate } from "../../src/validate/validate.js";

const FIXED_MTIME = new Date("2024-01-02T03:04:05.678Z");
const FIXED_HTTP_DATE = "Tue, 02 Jan 2024 03:04:05 GMT";
const OUTSIDE_SECRET = "TOP-SECRET-OUTSIDE";
// Just over the content cache's file limit: streamed from disk, never held in memory.
const BIG_FILE_BYTES = MEMORY_CACHE_MAX_FILE_BYTES + 8 * 1024;

let base = "";
let root = "";
let mounted = "";
let bigFile: Buffer;

/** The wrapped application: it marks every request that fell through. */
const fallback: Application = (environ, startResponse) => {
  startResponse("404 Not Found", [["Content-Type", "text/plain"], ["X-From", "app"]]);
  return [`app saw ${environ.REQUEST_METHOD} ${environ.PATH_INFO}`];
};

function serve(options: Partial<StaticOptions> = {}): Application {
  return serveStatic({ root, ...options })(fallback);
}

function request(app: Application, url: string, headers: Record<string, string> = {}, extra: Omit<CallAppRequest, "url" | "headers"> = {}): Promise<CallAppResult> {
  return callApp(app, { url, headers, ...extra });
}

/** Runs the middleware directly, to look at the body object it returns. */
async function rawBody(app: Application, environ: Partial<Environ>): Promise<{ status: string; headers: HeaderList; body: Body }> {
  let status = "";
  let headers: HeaderList = [];
  const body = await app({ REQUEST_METHOD: "GET", SCRIPT_NAME: "", QUERY_STRING: "", REQUEST_URI: environ.PATH_INFO, "gateway.file_wrapper": fileWrapper, ...environ } as Environ, (statusLine, headerList) => {
    status = statusLine;
    headers = headerList;
    return () => {};
  });
  return { status, headers, body };
}

/** "app saw GET /path" when the request fell through to the application, else "static <status>". */
function answeredBy(response: CallAppResult): string {
  return response.status === 404 && response.header("X-From") === "app" ? response.text : `static ${response.status}`;
}

function expectNoSecret(response: CallAppResult): void {
  expect(response.text).not.toContain(OUTSIDE_SECRET);
  expect(response.text).not.toContain("SECRET-DOTFILE");
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "patchbay-static-"));
  root = join(base, "root");
  mounted = join(base, "mounted");
  const outside = join(base, "outside");
  for (const directory of [root, mounted, outside, join(root, "docs"), join(root, "empty-dir"), join(root, ".hidden"), join(root, ".well-known"), join(root, "evil.example")]) {
    await mkdir(directory, { recursive: true });
  }
  bigFile = randomBytes(BIG_FILE_BYTES);
  const files: Record<string, string | Uint8Array> = {
    "index.html": "<h1>home</h1>",
    "hello.txt": "hello world\n",
    "style.css": "body{}",
    "data.json": "{}",
    "image.png": Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    "noext": "raw",
    "digits.txt": "0123456789",
    "big.bin": bigFile,
    "app.js": "console.log('identity');",
    "app.js.br": "BROTLI-BYTES",
    "app.js.gz": "GZIP-BYTES",
    "only-gz.css": "p{}",
    "only-gz.css.gz": "GZ-CSS",
    "docs/index.html": "<h1>docs</h1>",
    "docs/guide.txt": "guide",
    "evil.example/index.html": "evil index",
    ".env": "SECRET-DOTFILE",
    ".hidden/file.txt": "SECRET-DOTFILE in a hidden directory",
    ".well-known/security.txt": "Contact: mailto:security@example.com",
    "a b.txt": "spaced",
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(root, name), content);
  await writeFile(join(outside, "secret.txt"), OUTSIDE_SECRET);
  await writeFile(join(mounted, "asset.txt"), "mounted asset");
  await utimes(join(root, "hello.txt"), FIXED_MTIME, FIXED_MTIME);
  await symlink(join(root, "hello.txt"), join(root, "link-inside.txt"));
  await symlink(join(outside, "secret.txt"), join(root, "link-outside.txt"));
  await symlink(outside, join(root, "link-dir-outside"));
  await symlink("../outside/secret.txt", join(root, "relative-link-outside.txt"));
});

afterAll(() => rm(base, { recursive: true, force: true }));

describe("content types", () => {
  test("MIME types come from the table, with charset=utf-8 for text types", async () => {
    const app = serve();
    const expected: Record<string, string> = {
      "/hello.txt": "text/plain; charset=utf-8",
      "/index.html": "text/html; charset=utf-8",
      "/style.css": "text/css; charset=utf-8",
      "/app.js": "text/javascript; charset=utf-8",
      "/data.json": "application/json; charset=utf-8",
      "/image.png": "image/png",
      "/noext": "application/octet-stream",
    };
    for (const [url, contentType] of Object.entries(expected)) {
      const response = await request(app, url);
      expect(response.status).toBe(200);
      expect(response.header("Content-Type")).toBe(contentType);
    }
  });

  test("a percent-encoded file name is served from its decoded name", async () => {
    const response = await request(serve(), "/a%20b.txt");
    expect(response.status).toBe(200);
    expect(response.text).toBe("spaced");
  });
});

describe("directories", () => {
  test("a directory with a trailing slash serves its index.html", async () => {
    const app = serve();
    const home = await request(app, "/");
    expect(home.status).toBe(200);
    expect(home.text).toBe("<h1>home</h1>");
    expect(home.header("Content-Type")).toBe("text/html; charset=utf-8");
    const docs = await request(app, "/docs/");
    expect(docs.text).toBe("<h1>docs</h1>");
  });

  test("a directory without its trailing slash is redirected with 301, Location under SCRIPT_NAME and the query kept", async () => {
    const response = await request(serve(), "/mount/docs?page=2", {}, { scriptName: "/mount" });
    expect(response.status).toBe(301);
    expect(response.header("Location")).toBe("/mount/docs/?page=2");
    const plain = await request(serve(), "/docs");
    expect(plain.header("Location")).toBe("/docs/");
  });

  test("the redirect never becomes a protocol-relative open redirect", async () => {
    const response = await request(serve(), "//evil.example");
    expect(response.status).toBe(301);
    expect(response.header("Location")).toBe("/evil.example/");
  });

  test("a directory without an index file falls through to the application (no listing)", async () => {
    expect(answeredBy(await request(serve(), "/empty-dir/"))).toBe("app saw GET /empty-dir/");
    expect(answeredBy(await request(serve(), "/empty-dir"))).toBe("app saw GET /empty-dir");
  });

  test("index: [] disables index files", async () => {
    expect(answeredBy(await request(serve({ index: [] }), "/docs/"))).toBe("app saw GET /docs/");
  });

  test("a file requested with a trailing slash is not a file", async () => {
    expect(answeredBy(await request(serve(), "/hello.txt/"))).toBe("app saw GET /hello.txt/");
  });

  test("a path that maps to nothing falls through to the application", async () => {
    const response = await request(serve(), "/api/users?id=1");
    expect(answeredBy(response)).toBe("app saw GET /api/users");
  });
});

describe("validators and conditional requests", () => {
  test("ETag (strong, size-mtime) and Last-Modified are sent", async () => {
    const response = await request(serve(), "/hello.txt");
    expect(response.header("ETag")).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const { mtimeMs } = await stat(join(root, "hello.txt"));
    expect(response.header("ETag")).toBe(`"${(12).toString(16)}-${Math.floor(mtimeMs).toString(16)}"`);
    expect(response.header("Last-Modified")).toBe(FIXED_HTTP_DATE);
    expect(response.header("Accept-Ranges")).toBe("bytes");
  });

  test("etag: false and lastModified: false leave the validators out", async () => {
    const response = await request(serve({ etag: false, lastModified: false }), "/hello.txt");
    expect(response.header("ETag")).toBeUndefined();
    expect(response.header("Last-Modified")).toBeUndefined();
  });

  test("If-None-Match matching (strong, weak or *) answers 304 with validators and no body", async () => {
    const app = serve();
    const etag = (await request(app, "/hello.txt")).header("ETag") as string;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const response = await request(app, "/hello.txt", { "If-None-Match": ifNoneMatch });
      expect(response.status).toBe(304);
      expect(response.body.length).toBe(0);
      expect(response.header("ETag")).toBe(etag);
      expect(response.header("Last-Modified")).toBe(FIXED_HTTP_DATE);
      expect(response.header("Content-Type")).toBeUndefined();
    }
    expect((await request(app, "/hello.txt", { "If-None-Match": '"other"' })).status).toBe(200);
  });

  test("If-Modified-Since at or after Last-Modified answers 304; an earlier or invalid date answers 200", async () => {
    const app = serve();
    expect((await request(app, "/hello.txt", { "If-Modified-Since": FIXED_HTTP_DATE })).status).toBe(304);
    expect((await request(app, "/hello.txt", { "If-Modified-Since": "Wed, 03 Jan 2024 00:00:00 GMT" })).status).toBe(304);
    expect((await request(app, "/hello.txt", { "If-Modified-Since": "Tue, 02 Jan 2024 03:04:04 GMT" })).status).toBe(200);
    expect((await request(app, "/hello.txt", { "If-Modified-Since": "yesterday" })).status).toBe(200);
  });

  test("If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2)", async () => {
    const response = await request(serve(), "/hello.txt", { "If-None-Match": '"other"', "If-Modified-Since": FIXED_HTTP_DATE });
    expect(response.status).toBe(200);
  });

  test("If-Match that does not match answers 412; a match or * answers 200", async () => {
    const app = serve();
    const etag = (await request(app, "/hello.txt")).header("ETag") as string;
    const failed = await request(app, "/hello.txt", { "If-Match": '"stale"' });
    expect(failed.status).toBe(412);
    expect(failed.text).toBe("412 Precondition Failed\n");
    expect((await request(app, "/hello.txt", { "If-Match": `W/${etag}` })).status).toBe(412);
    expect((await request(app, "/hello.txt", { "If-Match": etag })).status).toBe(200);
    expect((await request(app, "/hello.txt", { "If-Match": "*" })).status).toBe(200);
  });

  test("If-Unmodified-Since before Last-Modified answers 412", async () => {
    const app = serve();
    expect((await request(app, "/hello.txt", { "If-Unmodified-Since": "Mon, 01 Jan 2024 00:00:00 GMT" })).status).toBe(412);
    expect((await request(app, "/hello.txt", { "If-Unmodified-Since": FIXED_HTTP_DATE })).status).toBe(200);
  });
});

function parseMultipart(response: CallAppResult): { headers: Record<string, string>; data: string }[] {
  const boundary = /boundary=(\S+)$/.exec(response.header("Content-Type") ?? "")?.[1];
  expect(boundary).toBeDefined();
  const text = Buffer.from(response.body).toString("latin1");
  expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
  const parts = text.slice(0, -`\r\n--${boundary}--\r\n`.length).split(new RegExp(`(?:^|\\r\\n)--${boundary}\\r\\n`)).slice(1);
  return parts.map((part) => {
    const split = part.indexOf("\r\n\r\n");
    const headers: Record<string, string> = {};
    for (const line of part.slice(0, split).split("\r\n")) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { headers, data: part.slice(split + 4) };
  });
}

describe("ranges", () => {
  test("a single Range answers 206 with Content-Range and only those bytes", async () => {
    const response = await request(serve(), "/digits.txt", { Range: "bytes=2-5" });
    expect(response.status).toBe(206);
    expect(response.header("Content-Range")).toBe("bytes 2-5/10");
    expect(response.header("Content-Length")).toBe("4");
    expect(response.header("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(response.text).toBe("2345");
    const suffix = await request(serve(), "/digits.txt", { Range: "bytes=-3" });
    expect(suffix.text).toBe("789");
    expect(suffix.header("Content-Range")).toBe("bytes 7-9/10");
  });

  test("a Range of a large (streamed) file sends exactly those bytes", async () => {
    const response = await request(serve(), "/big.bin", { Range: "bytes=100000-100099" });
    expect(response.status).toBe(206);
    expect(response.header("Content-Range")).toBe(`bytes 100000-100099/${BIG_FILE_BYTES}`);
    expect(Buffer.from(response.body).equals(bigFile.subarray(100000, 100100))).toBe(true);
  });

  test("several ranges answer 206 multipart/byteranges with one part per range", async () => {
    for (const url of ["/digits.txt", "/big.bin"]) {
      const response = await request(serve(), url, { Range: "bytes=0-1,4-6" });
      expect(response.status).toBe(206);
      expect(response.header("Content-Type")).toMatch(/^multipart\/byteranges; boundary=[0-9a-f]+$/);
      expect(Number(response.header("Content-Length"))).toBe(response.body.length);
      const parts = parseMultipart(response);
      expect(parts).toHaveLength(2);
      const size = url === "/big.bin" ? BIG_FILE_BYTES : 10;
      expect(parts.map((part) => part.headers["content-range"])).toEqual([`bytes 0-1/${size}`, `bytes 4-6/${size}`]);
      const source = url === "/big.bin" ? bigFile : Buffer.from("0123456789");
      expect(parts.map((part) => part.data)).toEqual([source.subarray(0, 2).toString("latin1"), source.subarray(4, 7).toString("latin1")]);
      expect(parts[0]?.headers["content-type"]).toBe(url === "/big.bin" ? "application/octet-stream" : "text/plain; charset=utf-8");
    }
  });

  test("overlapping ranges are merged into one", async () => {
    const response = await request(serve(), "/digits.txt", { Range: "bytes=0-3,2-5" });
    expect(response.header("Content-Range")).toBe("bytes 0-5/10");
    expect(response.text).toBe("012345");
  });

  test("an unsatisfiable Range answers 416 with Content-Range: bytes */size", async () => {
    const response = await request(serve(), "/digits.txt", { Range: "bytes=50-60" });
    expect(response.status).toBe(416);
    expect(response.header("Content-Range")).toBe("bytes */10");
    expect(response.text).toBe("416 Range Not Satisfiable\n");
  });

  test("an invalid or non-bytes Range is ignored: 200 with the whole file", async () => {
    for (const range of ["bytes=abc", "items=0-1"]) {
      const response = await request(serve(), "/digits.txt", { Range: range });
      expect(response.status).toBe(200);
      expect(response.text).toBe("0123456789");
    }
  });

  test("If-Range with the current ETag or Last-Modified honours Range; a stale one sends the whole file", async () => {
    const app = serve();
    const etag = (await request(app, "/hello.txt")).header("ETag") as string;
    const cases: [string, number][] = [
      [etag, 206],
      ['"stale"', 200],
      [`W/${etag}`, 200],
      [FIXED_HTTP_DATE, 206],
      ["Wed, 03 Jan 2024 00:00:00 GMT", 200],
    ];
    for (const [ifRange, status] of cases) {
      const response = await request(app, "/hello.txt", { Range: "bytes=0-4", "If-Range": ifRange });
      expect(response.status).toBe(status);
      expect(response.text).toBe(status === 206 ? "hello" : "hello world\n");
    }
  });
});

describe("HEAD", () => {
  test("HEAD answers the same status and headers as GET, and no body", async () => {
    const app = serve();
    for (const url of ["/hello.txt", "/big.bin", "/docs/"]) {
      const get = await request(app, url);
      const head = await callApp(app, { method: "HEAD", url });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ["Content-Type", "Content-Length", "ETag", "Last-Modified", "Accept-Ranges"]) {
        expect(head.header(name)).toBe(get.header(name));
      }
    }
  });

  test("HEAD ignores Range (RFC 9110 §14.2 defines it for GET only)", async () => {
    const head = await callApp(serve(), { method: "HEAD", url: "/digits.txt", headers: { Range: "bytes=0-1" } });
    expect(head.status).toBe(200);
    expect(head.header("Content-Length")).toBe("10");
  });
});

describe("precompressed siblings", () => {
  test.each([
    ["gzip, deflate, br", "br", "BROTLI-BYTES"],
    ["gzip", "gzip", "GZIP-BYTES"],
    ["br;q=0.5, gzip;q=0.8", "gzip", "GZIP-BYTES"],
    ["br;q=0, gzip", "gzip", "GZIP-BYTES"],
    ["br;q=0, gzip;q=0", undefined, "console.log('identity');"],
    ["gzip;q=0.5, identity", undefined, "console.log('identity');"],
    ["*", "br", "BROTLI-BYTES"],
    [undefined, undefined, "console.log('identity');"],
  ])("Accept-Encoding %j picks %j by q-value, with Vary and the original Content-Type", async (acceptEncoding, coding, text) => {
    const response = await request(serve(), "/app.js", acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding });
    expect(response.status).toBe(200);
    expect(response.header("Content-Encoding")).toBe(coding);
    expect(response.text).toBe(text);
    expect(response.header("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(response.header("Vary")).toBe("Accept-Encoding");
    expect(response.header("Content-Length")).toBe(String(Buffer.byteLength(text)));
  });

  test("each representation has its own ETag, and a 304 is per representation", async () => {
    const app = serve();
    const brotli = await request(app, "/app.js", { "Accept-Encoding": "br" });
    const identity = await request(app, "/app.js");
    expect(brotli.header("ETag")).toMatch(/-br"$/);
    expect(brotli.header("ETag")).not.toBe(identity.header("ETag"));
    const notModified = await request(app, "/app.js", { "Accept-Encoding": "br", "If-None-Match": brotli.header("ETag") as string });
    expect(notModified.status).toBe(304);
    expect(notModified.header("Vary")).toBe("Accept-Encoding");
    expect((await request(app, "/app.js", { "If-None-Match": brotli.header("ETag") as string })).status).toBe(200);
  });

  test("only the siblings that exist are offered", async () => {
    const response = await request(serve(), "/only-gz.css", { "Accept-Encoding": "br" });
    expect(response.header("Content-Encoding")).toBeUndefined();
    expect(response.text).toBe("p{}");
    expect(response.header("Vary")).toBe("Accept-Encoding");
  });

  test("precompressed: false serves the file itself, without Vary", async () => {
    const response = await request(serve({ precompressed: false }), "/app.js", { "Accept-Encoding": "br, gzip" });
    expect(response.header("Content-Encoding")).toBeUndefined();
    expect(response.header("Vary")).toBeUndefined();
    expect(response.text).toBe("console.log('identity');");
  });

  test("a file without siblings sends no Vary", async () => {
    expect((await request(serve(), "/hello.txt", { "Accept-Encoding": "br" })).header("Vary")).toBeUndefined();
  });
});

describe("Cache-Control policy", () => {
  test("no Cache-Control by default; a string is sent on every file response, 304 included", async () => {
    expect((await request(serve(), "/hello.txt")).header("Cache-Control")).toBeUndefined();
    const app = serve({ cacheControl: "public, max-age=60" });
    const response = await request(app, "/hello.txt");
    expect(response.header("Cache-Control")).toBe("public, max-age=60");
    const notModified = await request(app, "/hello.txt", { "If-None-Match": response.header("ETag") as string });
    expect(notModified.header("Cache-Control")).toBe("public, max-age=60");
  });

  test("a function decides per file from its relative path", async () => {
    const seen: string[] = [];
    const app = serve({
      cacheControl: (relativePath) => {
        seen.push(relativePath);
        return relativePath.endsWith(".html") ? "no-cache" : "public, max-age=31536000, immutable";
      },
    });
    expect((await request(app, "/docs/")).header("Cache-Control")).toBe("no-cache");
    expect((await request(app, "/style.css")).header("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect((await request(app, "/style.css")).header("Cache-Control")).toBe("public, max-age=31536000, immutable");
    // Called once per cached file, not per request.
    expect(seen).toEqual(["docs/index.html", "style.css"]);
  });
});

describe("dotfiles", () => {
  test("dotfiles are refused with 403 by default, in any segment", async () => {
    for (const url of ["/.env", "/.hidden/file.txt", "/.hidden/"]) {
      const response = await request(serve(), url);
      expect(response.status).toBe(403);
      expectNoSecret(response);
    }
  });

  test('dotfiles: "ignore" falls through to the application; "allow" serves them', async () => {
    const ignored = await request(serve({ dotfiles: "ignore" }), "/.env");
    expect(answeredBy(ignored)).toBe("app saw GET /.env");
    expectNoSecret(ignored);
    const allowed = await request(serve({ dotfiles: "allow" }), "/.env");
    expect(allowed.status).toBe(200);
    expect(allowed.text).toBe("SECRET-DOTFILE");
  });

  test(".well-known (RFC 8615) is served under the default policy", async () => {
    const response = await request(serve(), "/.well-known/security.txt");
    expect(response.status).toBe(200);
    expect(response.text).toContain("Contact:");
  });
});

describe("no path escapes the root", () => {
  test('decoded ".." segments are refused with 403', async () => {
    // "%2e%2e" in the target reaches PATH_INFO decoded as "..", as the server decodes it.
    for (const url of ["/../outside/secret.txt", "/docs/../../outside/secret.txt", "/%2e%2e/outside/secret.txt", "/docs/%2E%2E/%2e%2e/outside/secret.txt", "/./hello.txt"]) {
      const response = await request(serve(), url);
      expect(response.status).toBe(403);
      expectNoSecret(response);
    }
  });

  test('a literal "%2e%2e" in PATH_INFO is a file name, never decoded again', async () => {
    // "%252e" decodes once to the text "%2e": no such file, so the application gets the request.
    const response = await request(serve(), "/%252e%252e/outside/secret.txt");
    expect(answeredBy(response)).toBe("app saw GET /%2e%2e/outside/secret.txt");
    expectNoSecret(response);
  });

  test("an encoded slash (%2F) is never a static file: the application gets the request", async () => {
    const response = await request(serve(), "/docs%2Fguide.txt");
    expect(answeredBy(response)).toBe("app saw GET /docs/guide.txt");
    const traversal = await request(serve(), "/..%2f..%2foutside%2fsecret.txt");
    expect(traversal.status).toBe(403);
    expectNoSecret(traversal);
  });

  test("NUL bytes are refused with 403", async () => {
    const response = await request(serve(), "/hello.txt%00.png");
    expect(response.status).toBe(403);
    expect(response.text).not.toContain("hello world");
  });

  test("backslashes are refused with 403", async () => {
    for (const url of ["/..%5c..%5coutside%5csecret.txt", "/docs%5cguide.txt"]) {
      const response = await request(serve(), url);
      expect(response.status).toBe(403);
      expectNoSecret(response);
    }
  });

  test("symlinks pointing outside the root are refused with 403 (realpath check); inside ones are served", async () => {
    for (const url of ["/link-outside.txt", "/relative-link-outside.txt", "/link-dir-outside/secret.txt"]) {
      const response = await request(serve(), url);
      expect(response.status).toBe(403);
      expectNoSecret(response);
    }
    const inside = await request(serve(), "/link-inside.txt");
    expect(inside.status).toBe(200);
    expect(inside.text).toBe("hello world\n");
  });

  test("repeated slashes collapse to one", async () => {
    const response = await request(serve(), "//docs//guide.txt");
    expect(response.status).toBe(200);
    expect(response.text).toBe("guide");
  });
});

describe("methods", () => {
  test("under a mount, other methods on a static file answer 405 with Allow: GET, HEAD", async () => {
    const app = serveStatic({ mounts: [{ prefix: "/assets", directory: root }] })(fallback);
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) {
      const response = await callApp(app, { method, url: "/assets/hello.txt" });
      expect(response.status).toBe(405);
      expect(response.header("Allow")).toBe("GET, HEAD");
    }
    expect((await callApp(app, { method: "POST", url: "/assets/docs" })).status).toBe(405);
    expect(answeredBy(await callApp(app, { method: "POST", url: "/assets/missing.txt" }))).toBe("app saw POST /assets/missing.txt");
  });

  test("under the document root, other methods go to the application without a file lookup", async () => {
    const response = await callApp(serve(), { method: "POST", url: "/hello.txt", body: "x" });
    expect(answeredBy(response)).toBe("app saw POST /hello.txt");
  });
});

describe("mounts", () => {
  test("a mount serves its directory under its prefix; the longest prefix wins; a miss falls through", async () => {
    const app = serveStatic({ root, mounts: [{ prefix: "/static/", directory: mounted }, { prefix: "/static/docs", directory: join(root, "docs") }] })(fallback);
    expect((await request(app, "/static/asset.txt")).text).toBe("mounted asset");
    expect((await request(app, "/static/docs/guide.txt")).text).toBe("guide");
    expect(answeredBy(await request(app, "/static/hello.txt"))).toBe("app saw GET /static/hello.txt");
    expect((await request(app, "/hello.txt")).text).toBe("hello world\n");
    expect(answeredBy(await request(app, "/staticasset.txt"))).toBe("app saw GET /staticasset.txt");
    const redirect = await request(app, "/static/docs");
    expect(redirect.status).toBe(301);
    expect(redirect.header("Location")).toBe("/static/docs/");
  });

  test("without a root, paths outside every mount go straight to the application", async () => {
    const app = serveStatic({ mounts: [{ prefix: "/static", directory: mounted }] })(fallback);
    expect(answeredBy(await request(app, "/hello.txt"))).toBe("app saw GET /hello.txt");
  });
});

describe("bodies and caching", () => {
  test("a small file is returned as a one-element array of its cached bytes", async () => {
    const app = serve();
    const first = await rawBody(app, { PATH_INFO: "/hello.txt" });
    expect(first.status).toBe("200 OK");
    expect(Array.isArray(first.body)).toBe(true);
    expect(first.body as Uint8Array[]).toHaveLength(1);
    const second = await rawBody(app, { PATH_INFO: "/hello.txt" });
    // The same bytes object: no read, and the same precomputed header list.
    expect((second.body as Uint8Array[])[0]).toBe((first.body as Uint8Array[])[0]);
    expect(second.headers).toBe(first.headers);
  });

  test("a file of the default content-cache limit (1 MiB) is one cached chunk with its Content-Length", async () => {
    const directory = await mkdtemp(join(base, "limit-"));
    const content = randomBytes(MEMORY_CACHE_MAX_FILE_BYTES);
    await writeFile(join(directory, "limit.bin"), content);
    const app = serveStatic({ root: directory })(fallback);
    const first = await rawBody(app, { PATH_INFO: "/limit.bin" });
    expect(first.headers).toContainEqual(["Content-Length", String(MEMORY_CACHE_MAX_FILE_BYTES)]);
    const chunks = first.body as Uint8Array[];
    expect(Array.isArray(chunks)).toBe(true);
    expect(chunks).toHaveLength(1);
    expect(Buffer.from(chunks[0] as Uint8Array).equals(content)).toBe(true);
    const second = await rawBody(app, { PATH_INFO: "/limit.bin" });
    expect((second.body as Uint8Array[])[0]).toBe(chunks[0]);
  });

  test("a fresh cached file is answered synchronously (no promise)", async () => {
    const app = serve();
    await rawBody(app, { PATH_INFO: "/hello.txt" });
    const returned = app({ REQUEST_METHOD: "GET", PATH_INFO: "/hello.txt", SCRIPT_NAME: "", REQUEST_URI: "/hello.txt" } as Environ, () => () => {});
    expect(Array.isArray(returned)).toBe(true);
  });

  test("a large file streams through the environ's gateway.file_wrapper with the range asked for", async () => {
    const calls: [string, unknown][] = [];
    const recordingWrapper: FileWrapper = (filePath, options) => {
      calls.push([filePath, options]);
      return fileWrapper(filePath, options);
    };
    const app = serve();
    const whole = await request(app, "/big.bin", {}, { environ: { "gateway.file_wrapper": recordingWrapper } });
    expect(Buffer.from(whole.body).equals(bigFile)).toBe(true);
    expect(whole.header("Content-Length")).toBe(String(BIG_FILE_BYTES));
    const partial = await request(app, "/big.bin", { Range: "bytes=10-19" }, { environ: { "gateway.file_wrapper": recordingWrapper } });
    expect(partial.body.length).toBe(10);
    expect(calls).toEqual([
      [join(root, "big.bin"), { start: 0, end: BIG_FILE_BYTES - 1 }],
      [join(root, "big.bin"), { start: 10, end: 19 }],
    ]);
  });

  test("without gateway.file_wrapper in the environ, the gateway's own fileWrapper streams the file", async () => {
    const response = await request(serve(), "/big.bin", {}, { environ: { "gateway.file_wrapper": undefined } });
    expect(response.status).toBe(200);
    expect(Buffer.from(response.body).equals(bigFile)).toBe(true);
  });

  test("within statCacheMs a file is served from cache even after it changed on disk", async () => {
    const directory = await mkdtemp(join(base, "cached-"));
    await writeFile(join(directory, "note.txt"), "version one");
    const app = serveStatic({ root: directory, statCacheMs: 60_000 })(fallback);
    expect((await request(app, "/note.txt")).text).toBe("version one");
    await writeFile(join(directory, "note.txt"), "version two, longer");
    expect((await request(app, "/note.txt")).text).toBe("version one");
  });

  test("once statCacheMs has passed, a changed file is served anew with a new ETag", async () => {
    const directory = await mkdtemp(join(base, "fresh-"));
    await writeFile(join(directory, "note.txt"), "version one");
    const app = serveStatic({ root: directory, statCacheMs: 0 })(fallback);
    const first = await request(app, "/note.txt");
    await writeFile(join(directory, "note.txt"), "version two, longer");
    const second = await request(app, "/note.txt");
    expect(second.text).toBe("version two, longer");
    expect(second.header("ETag")).not.toBe(first.header("ETag"));
    await rm(join(directory, "note.txt"));
    expect(answeredBy(await request(app, "/note.txt"))).toBe("app saw GET /note.txt");
  });

  test("an unchanged file re-stat'ed after statCacheMs keeps its cached bytes and headers", async () => {
    const app = serve({ statCacheMs: 0 });
    const first = await rawBody(app, { PATH_INFO: "/digits.txt" });
    const second = await rawBody(app, { PATH_INFO: "/digits.txt" });
    expect((second.body as Uint8Array[])[0]).toBe((first.body as Uint8Array[])[0]);
    expect(second.headers).toBe(first.headers);
  });

  test("memoryCacheMaxBytes: 0 streams even small files from disk", async () => {
    const { body } = await rawBody(serve({ memoryCacheMaxBytes: 0 }), { PATH_INFO: "/hello.txt" });
    expect(Array.isArray(body)).toBe(false);
    expect((body as { filePath?: string }).filePath).toBe(join(root, "hello.txt"));
  });

  test("concurrent first requests for one path share one lookup and all succeed", async () => {
    const app = serve();
    const responses = await Promise.all(Array.from({ length: 20 }, () => request(app, "/style.css")));
    for (const response of responses) expect(response.text).toBe("body{}");
  });
});

describe("contract", () => {
  test("every kind of static response passes the gateway validator with no violation or warning", async () => {
    const findings: string[] = [];
    const app = validate(serveStatic({ root, mounts: [{ prefix: "/assets", directory: mounted }] })(fallback), {
      onViolation: (error) => findings.push(error.message),
      onWarning: (message) => findings.push(message),
      logToErrorStream: false,
    });
    const requests: CallAppRequest[] = [
      { url: "/hello.txt" },
      { url: "/big.bin" },
      { method: "HEAD", url: "/big.bin" },
      { url: "/docs" },
      { url: "/.env" },
      { url: "/hello.txt", headers: { "If-None-Match": "*" } },
      { url: "/hello.txt", headers: { "If-Match": '"stale"' } },
      { url: "/digits.txt", headers: { Range: "bytes=1-2" } },
      { url: "/big.bin", headers: { Range: "bytes=1-2,70000-70010" } },
      { url: "/digits.txt", headers: { Range: "bytes=99-" } },
      { url: "/app.js", headers: { "Accept-Encoding": "br" } },
      { method: "POST", url: "/assets/asset.txt" },
      { url: "/missing" },
    ];
    const statuses: number[] = [];
    for (const call of requests) {
      const response = await callApp(app, call);
      assertBodyClosed(response.environ);
      statuses.push(response.status);
    }
    expect(findings).toEqual([]);
    expect(statuses).toEqual([200, 200, 200, 301, 403, 304, 412, 206, 206, 416, 200, 405, 404]);
  });
});

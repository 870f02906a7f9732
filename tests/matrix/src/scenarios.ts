// The matrix scenarios as data: each one drives a running server over real sockets and asserts what the contract says; none starts a server.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BOOM_MESSAGE, HELLO_HTML, LARGE_RESPONSE_BYTES, LARGE_UPLOAD_BYTES, MOUNT_PREFIX, STATIC_FILE_NAME, STATIC_PREFIX, greeting, streamChunk } from "./contract.js";
import type { EchoedEnviron, UploadDigest } from "./contract.js";
import { largeBodySha256 } from "./large-body.js";
import { RawConnection } from "./raw-connection.js";
import type { RawResponse } from "./raw-connection.js";
import { STATIC_DIRECTORY } from "./static-directory.js";
import { uploadBody, uploadBodySha256 } from "./upload-body.js";

/** What a scenario may look at besides the server's URL. */
export interface ScenarioContext {
  /** Everything the server wrote to its error log so far (the cluster's: its processes' stderr). */
  serverLog(): string;
}

/** One scenario: a name (a test name and a grid row's worth of meaning) and a check against a running server. */
export interface Scenario {
  readonly name: string;
  /** Runs against the server at `baseUrl` ("http://127.0.0.1:PORT"); rejects (an AssertionError) when the server × app is wrong. */
  run(baseUrl: string, context: ScenarioContext): Promise<void>;
}

/** Chunks GET /stream is asked for by the streaming scenario. */
const STREAMED_CHUNKS = 20;
/** Requests in flight at once in the concurrency scenario. */
const CONCURRENT_REQUESTS = 20;
/** How long the error scenario waits for the error to reach a log written by another process. */
const ERROR_LOG_WAIT_MS = 2000;
const ERROR_LOG_POLL_MS = 20;
/** Sizes of the chunks the chunked-upload scenario sends, one write each (1 byte up to more than a socket read). */
const CHUNKED_UPLOAD_SIZES: readonly number[] = [1, 100, 4096, 70_000];

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/, `Content-Type of GET ${url}`);
  return (await response.json()) as T;
}

async function getText(url: string): Promise<string> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  return response.text();
}

/** A minimal HTTP/1.1 request head (RFC 9112 §3): request line, Host, extra fields, empty line. */
function requestHead(method: string, target: string, baseUrl: string, fields: readonly string[] = []): string {
  return `${method} ${target} HTTP/1.1\r\nHost: ${new URL(baseUrl).host}\r\n${fields.map((field) => `${field}\r\n`).join("")}\r\n`;
}

/** Sends one request on a fresh connection that asks to close after it, and reads the response. */
async function rawExchange(baseUrl: string, head: string, options: { head?: boolean } = {}): Promise<RawResponse> {
  const connection = await RawConnection.open(baseUrl);
  try {
    await connection.write(head);
    return await connection.readResponse(options);
  } finally {
    connection.close();
  }
}

async function waitForLog(context: ScenarioContext, text: string): Promise<boolean> {
  for (let waited = 0; waited <= ERROR_LOG_WAIT_MS; waited += ERROR_LOG_POLL_MS) {
    if (context.serverLog().includes(text)) return true;
    await sleep(ERROR_LOG_POLL_MS);
  }
  return false;
}

function expectedStream(count: number): string {
  let text = "";
  for (let index = 0; index < count; index++) text += streamChunk(index);
  return text;
}

/** Every scenario, in grid order. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: "GET",
    async run(baseUrl) {
      const response = await fetch(`${baseUrl}/`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
      assert.equal(await response.text(), HELLO_HTML);
    },
  },
  {
    name: "HEAD",
    async run(baseUrl) {
      // Raw, on one connection: a HEAD answer that leaked body bytes would corrupt the GET read after it.
      const connection = await RawConnection.open(baseUrl);
      try {
        await connection.write(requestHead("HEAD", "/", baseUrl));
        const head = await connection.readResponse({ head: true });
        assert.equal(head.status, 200);
        assert.match(head.headers["content-type"] ?? "", /^text\/html/);
        // RFC 9110 §9.3.2: a HEAD answer may carry the Content-Length a GET would have, never another one.
        assert.ok(head.headers["content-length"] === undefined || head.headers["content-length"] === String(Buffer.byteLength(HELLO_HTML)), `HEAD Content-Length ${head.headers["content-length"]}`);
        await connection.write(requestHead("GET", "/", baseUrl));
        const get = await connection.readResponse();
        assert.equal(get.status, 200);
        assert.equal(get.body.toString("utf8"), HELLO_HTML);
      } finally {
        connection.close();
      }
    },
  },
  {
    name: "query string",
    async run(baseUrl) {
      const echoed = await getJson<EchoedEnviron>(`${baseUrl}/echo-environ?a=1&b=two%20words&c=`);
      assert.deepEqual(echoed, { REQUEST_METHOD: "GET", SCRIPT_NAME: "", PATH_INFO: "/echo-environ", QUERY_STRING: "a=1&b=two%20words&c=" });
      assert.deepEqual(await getJson(`${baseUrl}/json?name=Ada%20Lovelace`), greeting("Ada Lovelace"));
      assert.deepEqual(await getJson(`${baseUrl}/json`), greeting(undefined));
    },
  },
  {
    name: "percent-encoded and non-ASCII path",
    async run(baseUrl) {
      assert.equal(await getText(`${baseUrl}/files/hello%20world.txt`), "hello world.txt");
      assert.equal(await getText(`${baseUrl}/files/caf%C3%A9`), "café");
      // fetch percent-encodes the UTF-8 of a raw non-ASCII path (WHATWG URL), as a browser does.
      assert.equal(await getText(`${baseUrl}/files/日本語`), "日本語");
      const echoed = await getJson<EchoedEnviron>(`${baseUrl}/echo-environ`);
      assert.equal(echoed.PATH_INFO, "/echo-environ");
    },
  },
  {
    name: "SCRIPT_NAME mount",
    async run(baseUrl) {
      const echoed = await getJson<EchoedEnviron>(`${baseUrl}${MOUNT_PREFIX}/echo-environ?x=1`);
      assert.deepEqual(echoed, { REQUEST_METHOD: "GET", SCRIPT_NAME: MOUNT_PREFIX, PATH_INFO: "/echo-environ", QUERY_STRING: "x=1" });
      assert.equal(await getText(`${baseUrl}${MOUNT_PREFIX}/files/caf%C3%A9`), "café");
      assert.deepEqual(await getJson(`${baseUrl}${MOUNT_PREFIX}/json?name=mounted`), greeting("mounted"));
    },
  },
  {
    name: "POST with Content-Length",
    async run(baseUrl) {
      const body = new TextEncoder().encode("name=matrix&payload=".padEnd(1000, "x"));
      const response = await fetch(`${baseUrl}/upload`, { method: "POST", body, headers: { "Content-Type": "application/octet-stream" } });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { bytes: body.byteLength, sha256: sha256(body) } satisfies UploadDigest);
    },
  },
  {
    name: "POST chunked",
    async run(baseUrl) {
      const parts = CHUNKED_UPLOAD_SIZES.map((size, index) => Buffer.alloc(size, 97 + index));
      const connection = await RawConnection.open(baseUrl);
      try {
        await connection.write(requestHead("POST", "/upload", baseUrl, ["Content-Type: application/octet-stream", "Transfer-Encoding: chunked", "Connection: close"]));
        // One write per chunk (RFC 9112 §7.1), so the server decodes a body that arrives in pieces.
        for (const part of parts) {
          await connection.write(`${part.length.toString(16)}\r\n`);
          await connection.write(part);
          await connection.write("\r\n");
        }
        await connection.write("0\r\n\r\n");
        const response = await connection.readResponse();
        assert.equal(response.status, 200);
        const whole = Buffer.concat(parts);
        assert.deepEqual(JSON.parse(response.body.toString("utf8")), { bytes: whole.length, sha256: sha256(whole) } satisfies UploadDigest);
      } finally {
        connection.close();
      }
    },
  },
  {
    name: "10 MB upload",
    async run(baseUrl) {
      const response = await fetch(`${baseUrl}/upload`, { method: "POST", body: uploadBody(), headers: { "Content-Type": "application/octet-stream" } });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { bytes: LARGE_UPLOAD_BYTES, sha256: uploadBodySha256() } satisfies UploadDigest);
    },
  },
  {
    name: "streamed response",
    async run(baseUrl) {
      // Raw, to see the framing: a body of unknown length goes out chunked on HTTP/1.1 (RFC 9112 §6.1).
      const response = await rawExchange(baseUrl, requestHead("GET", `/stream?chunks=${STREAMED_CHUNKS}`, baseUrl, ["Connection: close"]));
      assert.equal(response.status, 200);
      assert.equal(response.headers["transfer-encoding"], "chunked");
      assert.equal(response.headers["content-length"], undefined);
      assert.equal(response.body.toString("utf8"), expectedStream(STREAMED_CHUNKS));
    },
  },
  {
    name: "large response",
    async run(baseUrl) {
      const response = await fetch(`${baseUrl}/large`);
      assert.equal(response.status, 200);
      const body = new Uint8Array(await response.arrayBuffer());
      assert.equal(body.byteLength, LARGE_RESPONSE_BYTES);
      assert.equal(sha256(body), largeBodySha256());
    },
  },
  {
    name: "app error → 500, then serving",
    async run(baseUrl, context) {
      const failed = await fetch(`${baseUrl}/boom`);
      assert.equal(failed.status, 500);
      assert.ok(!(await failed.text()).includes(BOOM_MESSAGE), "the error's message must not reach the client");
      assert.ok(await waitForLog(context, BOOM_MESSAGE), "the error must reach the server's error log");
      assert.equal(await getText(`${baseUrl}/`), HELLO_HTML);
    },
  },
  {
    name: "404 and 405",
    async run(baseUrl) {
      const missing = await fetch(`${baseUrl}/no-such-route`);
      assert.equal(missing.status, 404);
      await missing.body?.cancel();
      const wrongMethod = await fetch(`${baseUrl}/json`, { method: "DELETE" });
      assert.equal(wrongMethod.status, 405);
      // RFC 9110 §15.5.6: a 405 carries Allow with the methods the target supports.
      assert.match(wrongMethod.headers.get("allow") ?? "", /\bGET\b/);
      await wrongMethod.body?.cancel();
    },
  },
  {
    name: "static file beside the app",
    async run(baseUrl) {
      const response = await fetch(`${baseUrl}${STATIC_PREFIX}/${STATIC_FILE_NAME}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^text\/plain/);
      assert.equal(await response.text(), readFileSync(join(STATIC_DIRECTORY, STATIC_FILE_NAME), "utf8"));
      // Beside the app, not instead of it: other paths still reach the app.
      assert.equal(await getText(`${baseUrl}/`), HELLO_HTML);
    },
  },
  {
    name: "keep-alive reuse",
    async run(baseUrl) {
      const connection = await RawConnection.open(baseUrl);
      try {
        await connection.write(requestHead("GET", "/json?name=first", baseUrl));
        const first = await connection.readResponse();
        assert.equal(first.status, 200);
        assert.notEqual(first.headers.connection?.toLowerCase(), "close", "an HTTP/1.1 connection stays open by default (RFC 9112 §9.3)");
        assert.deepEqual(JSON.parse(first.body.toString("utf8")), greeting("first"));
        await connection.write(requestHead("GET", "/json?name=second", baseUrl));
        const second = await connection.readResponse();
        assert.equal(second.status, 200);
        assert.deepEqual(JSON.parse(second.body.toString("utf8")), greeting("second"));
      } finally {
        connection.close();
      }
    },
  },
  {
    name: "concurrent requests",
    async run(baseUrl) {
      const checks = Array.from({ length: CONCURRENT_REQUESTS }, async (_unused, index) => {
        if (index % 2 === 0) assert.deepEqual(await getJson(`${baseUrl}/json?name=n${index}`), greeting(`n${index}`));
        else assert.equal(await getText(`${baseUrl}/stream?chunks=${index}`), expectedStream(index));
      });
      await Promise.all(checks);
    },
  },
];

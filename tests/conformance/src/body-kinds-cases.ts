/**
 * Conformance cases: every kind of body the contract allows reaches the wire the same way on every
 * server: mixed string/byte chunks, the legacy write() callable, gateway.file_wrapper bodies (whole and
 * ranged), and a second startResponse with excInfo before headers are sent (PEP 3333).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { createDeferred } from "./deferred.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer } from "./test-server.js";

/** Text beyond latin-1 (2-, 3- and 4-byte UTF-8 sequences): a string body is sent as UTF-8. */
const UTF8_TEXT = "h\u00e9llo w\u00f6rld \u2713 \u{1f600}";
/** An obs-text field value (RFC 9110 §5.5): one latin-1 byte on the wire, whatever the body's encoding. */
const OBS_TEXT_VALUE = "caf\u00e9";
/** A whole ASCII string body past server-socket's 16 KiB batch. */
const LARGE_TEXT = "0123456789abcdef".repeat(6 * 1024);

/** How long a case waits after the first close() for a wrong second one. */
const SECOND_CLOSE_WINDOW_MS = 50;

/** File content for the file_wrapper cases: 200 KiB, so it spans several file reads. */
function fileContent(): Buffer {
  const content = Buffer.alloc(200 * 1024);
  for (let index = 0; index < content.length; index++) content[index] = (index * 31) & 0xff;
  return content;
}

/** Registers the body-kind cases for `target`. */
export function defineBodyKindsCases(target: ServerConformanceTarget): void {
  describe("body kinds", () => {
    let directory = "";
    let filePath = "";
    const content = fileContent();

    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), "patchbay-conformance-body-"));
      filePath = join(directory, "data.bin");
      await writeFile(filePath, content);
    });

    afterAll(async () => {
      await rm(directory, { recursive: true, force: true });
    });

    const app: Application = (environ, startResponse) => {
      switch (environ.PATH_INFO) {
        case "/mixed":
          startResponse("200 OK", [["Content-Type", "text/plain"]]);
          return ["", "a", new Uint8Array([0x62]), "", "c"];
        case "/write": {
          const write = startResponse("200 OK", [["Content-Type", "text/plain"]]);
          write("written ");
          write(new TextEncoder().encode("then "));
          return ["returned"];
        }
        case "/file":
          startResponse("200 OK", [["Content-Type", "application/octet-stream"]]);
          return environ["gateway.file_wrapper"](filePath);
        case "/file-range":
          startResponse("200 OK", [["Content-Type", "application/octet-stream"], ["Content-Length", "1000"]]);
          return environ["gateway.file_wrapper"](filePath, { start: 100_000, end: 100_999 });
        case "/text-utf8":
          startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"], ["X-Note", OBS_TEXT_VALUE]]);
          return [UTF8_TEXT];
        case "/text-ascii":
          startResponse("200 OK", [["Content-Type", "text/plain"], ["X-Note", OBS_TEXT_VALUE]]);
          return ["plain ascii"];
        case "/text-large":
          startResponse("200 OK", [["Content-Type", "text/plain"]]);
          return [LARGE_TEXT];
        case "/exc-info": {
          startResponse("200 OK", [["Content-Type", "text/plain"]]);
          const failure = new Error("conformance: replaced before headers");
          startResponse("503 Service Unavailable", [["Content-Type", "text/plain"]], failure);
          return ["replaced"];
        }
        default:
          startResponse("404 Not Found", []);
          return [];
      }
    };

    for (const [name, request, failing] of [
      ["a GET", "GET /closable HTTP/1.1\r\nHost: a\r\n\r\n", false],
      ["a HEAD", "HEAD /closable HTTP/1.1\r\nHost: a\r\n\r\n", false],
      ["a body that fails mid-way", "GET /closable HTTP/1.1\r\nHost: a\r\n\r\n", true],
    ] as const) {
      it(`calls body.close() exactly once after ${name}`, async () => {
        let closeCalls = 0;
        const closed = createDeferred();
        const closable: Application = (_environ, startResponse) => {
          startResponse("200 OK", [["Content-Type", "text/plain"]]);
          const chunks = ["one ", "two"];
          return {
            async *[Symbol.asyncIterator]() {
              for (const chunk of chunks) {
                await Promise.resolve();
                yield chunk;
                if (failing) throw new Error("conformance: body fails mid-way");
              }
            },
            close() {
              closeCalls++;
              setTimeout(() => closed.resolve(), SECOND_CLOSE_WINDOW_MS);
            },
          };
        };
        const server = await startTestServer(target, closable);
        const connection = await RawConnection.open(server.port);
        try {
          connection.send(request);
          await closed.promise;
          expect(closeCalls).toBe(1);
        } finally {
          connection.close();
        }
      });
    }

    it("sends string and byte chunks in order, skipping empty ones", async () => {
      const server = await startTestServer(target, app);
      expect(await (await fetch(server.url("/mixed"))).text()).toBe("abc");
    });

    for (const [path, text] of [
      ["/text-utf8", UTF8_TEXT],
      ["/text-ascii", "plain ascii"],
    ] as const) {
      it(`sends a whole string body as UTF-8 with its byte length, and obs-text in a field as one latin-1 byte (${path})`, async () => {
        const server = await startTestServer(target, app);
        const connection = await RawConnection.open(server.port);
        try {
          connection.send(`GET ${path} HTTP/1.1\r\nHost: a\r\n\r\n`);
          const response = await connection.readResponse();
          const expected = Buffer.from(text, "utf8");
          expect(response.header("content-length")).toBe(String(expected.length));
          expect(response.body.equals(expected)).toBe(true);
          expect(response.header("x-note")).toBe(OBS_TEXT_VALUE);
          // The same connection still frames the next response right.
          connection.send(`HEAD ${path} HTTP/1.1\r\nHost: a\r\n\r\n`);
          const head = await connection.readResponse({ head: true });
          expect(head.header("content-length")).toBe(String(expected.length));
        } finally {
          connection.close();
        }
      });
    }

    it("sends a large whole string body intact", async () => {
      const server = await startTestServer(target, app);
      const response = await fetch(server.url("/text-large"));
      expect(response.headers.get("content-length")).toBe(String(LARGE_TEXT.length));
      expect(await response.text()).toBe(LARGE_TEXT);
    });

    it("sends what the legacy write() callable wrote before the returned body", async () => {
      const server = await startTestServer(target, app);
      expect(await (await fetch(server.url("/write"))).text()).toBe("written then returned");
    });

    it("sends a gateway.file_wrapper body whole", async () => {
      const server = await startTestServer(target, app);
      const body = Buffer.from(await (await fetch(server.url("/file"))).arrayBuffer());
      expect(body.equals(content)).toBe(true);
    });

    it("sends a ranged gateway.file_wrapper body (start/end inclusive)", async () => {
      const server = await startTestServer(target, app);
      const response = await fetch(server.url("/file-range"));
      expect(response.headers.get("content-length")).toBe("1000");
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(content.subarray(100_000, 101_000))).toBe(true);
    });

    it("lets a second startResponse with excInfo replace the status before headers are sent", async () => {
      const server = await startTestServer(target, app);
      const response = await fetch(server.url("/exc-info"));
      expect(response.status).toBe(503);
      expect(await response.text()).toBe("replaced");
    });
  });
}

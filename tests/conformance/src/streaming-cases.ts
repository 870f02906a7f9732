/**
 * Conformance cases: streamed responses. Chunks reach the client as the app yields them, a large body
 * arrives intact, and a client that goes away stops the app (gateway.disconnect, body.close() once).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Application, Body } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { createDeferred, type Deferred } from "./deferred.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer } from "./test-server.js";

/** Size of each chunk of the large streamed response. */
const LARGE_CHUNK_BYTES = 64 * 1024;
/** Chunks in the large streamed response (8 MiB in all). */
const LARGE_CHUNK_COUNT = 128;
/** Most chunks the endless body yields before giving up, so a server that never notices a gone client cannot hang the run. */
const ENDLESS_BODY_MAX_CHUNKS = 100_000;

function largeChunk(index: number): Uint8Array {
  return new Uint8Array(LARGE_CHUNK_BYTES).fill(index & 0xff);
}

async function* largeBody(): AsyncGenerator<Uint8Array> {
  for (let index = 0; index < LARGE_CHUNK_COUNT; index++) {
    await Promise.resolve();
    yield largeChunk(index);
  }
}

/** How long after body.close() gateway.disconnect may take to abort. */
const DISCONNECT_WAIT_MS = 1000;

/** What the endless body observed once the server stopped it. */
interface EndlessBodyReport {
  closeCalls: number;
  disconnectAborted: boolean;
  chunksSent: number;
}

/** A body that yields until the server stops asking (client gone), then reports through `done`. */
function endlessBody(signal: AbortSignal | undefined, done: Deferred<EndlessBodyReport>): Body {
  const report: EndlessBodyReport = { closeCalls: 0, disconnectAborted: false, chunksSent: 0 };
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  return {
    async *[Symbol.asyncIterator]() {
      while (report.chunksSent < ENDLESS_BODY_MAX_CHUNKS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        report.chunksSent++;
        yield chunk;
      }
    },
    close() {
      report.closeCalls++;
      // gateway.disconnect may fire a moment after the server stops the body; a second (wrong) close() call
      // would also land in this window.
      const finish = (): void => {
        clearTimeout(timer);
        setTimeout(() => {
          report.disconnectAborted = signal?.aborted === true;
          done.resolve(report);
        }, 50);
      };
      const timer = setTimeout(finish, DISCONNECT_WAIT_MS);
      if (signal === undefined || signal.aborted) finish();
      else signal.addEventListener("abort", finish, { once: true });
    },
  };
}

/** Chunk size of the backpressure case's body. */
const BACKPRESSURE_CHUNK_BYTES = 64 * 1024;
/** The backpressure case's body: 100 MiB if the server pulled it all. */
const BACKPRESSURE_MAX_CHUNKS = 1600;
/** Most body bytes a server may pull ahead of a client that reads nothing (socket buffers included). */
const BACKPRESSURE_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** The server counts as settled once it has pulled no chunk for this long. */
const BACKPRESSURE_SETTLE_MS = 300;
/** Upper bound on the wait for the server to settle. */
const BACKPRESSURE_WAIT_MS = 5000;

/** Registers the streaming cases for `target`. */
export function defineStreamingCases(target: ServerConformanceTarget): void {
  describe("streaming", () => {
    it("sends each chunk as the app yields it, before the app has finished", async () => {
      const gate = createDeferred();
      const app: Application = (_environ, startResponse) => {
        startResponse("200 OK", [["Content-Type", "text/plain"]]);
        return (async function* () {
          yield "first;";
          await gate.promise;
          yield "second";
        })();
      };
      const server = await startTestServer(target, app);
      const response = await fetch(server.url("/stream"));
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let received = "";
      // The app is held at the gate: "first;" can only arrive if the server streams it.
      while (!received.includes("first;")) {
        const { value, done } = await reader.read();
        expect(done).toBe(false);
        received += decoder.decode(value, { stream: true });
      }
      expect(received).toBe("first;");
      gate.resolve();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
      }
      expect(received).toBe("first;second");
    });

    it("streams an 8 MiB body intact", async () => {
      const app: Application = (_environ, startResponse) => {
        startResponse("200 OK", [["Content-Type", "application/octet-stream"]]);
        return largeBody();
      };
      const server = await startTestServer(target, app);
      const expected = createHash("sha256");
      for (let index = 0; index < LARGE_CHUNK_COUNT; index++) expected.update(largeChunk(index));
      const body = Buffer.from(await (await fetch(server.url("/large"))).arrayBuffer());
      expect(body.length).toBe(LARGE_CHUNK_BYTES * LARGE_CHUNK_COUNT);
      expect(createHash("sha256").update(body).digest("hex")).toBe(expected.digest("hex"));
    });

    it("honours backpressure: a client that reads nothing stops the server pulling the body", async () => {
      let pulled = 0;
      const chunk = new Uint8Array(BACKPRESSURE_CHUNK_BYTES).fill(0x62);
      const app: Application = (_environ, startResponse) => {
        startResponse("200 OK", [["Content-Type", "application/octet-stream"]]);
        return (async function* () {
          while (pulled < BACKPRESSURE_MAX_CHUNKS) {
            pulled++;
            yield chunk;
          }
        })();
      };
      const server = await startTestServer(target, app);
      const connection = await RawConnection.open(server.port);
      try {
        connection.pause();
        connection.send("GET /flood HTTP/1.1\r\nHost: a\r\n\r\n");
        const deadline = Date.now() + BACKPRESSURE_WAIT_MS;
        let seen = -1;
        while (pulled !== seen && Date.now() < deadline) {
          seen = pulled;
          await new Promise((resolve) => setTimeout(resolve, BACKPRESSURE_SETTLE_MS));
        }
        expect(pulled).toBeGreaterThan(0);
        expect(pulled * BACKPRESSURE_CHUNK_BYTES).toBeLessThan(BACKPRESSURE_MAX_BUFFERED_BYTES);
      } finally {
        connection.close();
      }
    });

    it("stops a streaming app when the client goes away: body.close() once, gateway.disconnect aborted", async () => {
      const done = createDeferred<EndlessBodyReport>();
      const app: Application = (environ, startResponse) => {
        startResponse("200 OK", [["Content-Type", "text/plain"]]);
        return endlessBody(environ["gateway.disconnect"], done);
      };
      const server = await startTestServer(target, app);
      const connection = await RawConnection.open(server.port);
      connection.send("GET /endless HTTP/1.1\r\nHost: a\r\n\r\n");
      while (connection.pending.length < 64 * 1024) await new Promise((resolve) => setTimeout(resolve, 5));
      connection.close();
      const report = await done.promise;
      expect(report.closeCalls).toBe(1);
      expect(report.disconnectAborted).toBe(true);
      expect(report.chunksSent).toBeLessThan(ENDLESS_BODY_MAX_CHUNKS);
    });
  });
}

/**
 * Conformance cases: an application that fails. Before headers: a plain 500 without the stack, the error
 * logged, the server goes on. After headers: the connection is aborted, never a body that looks complete.
 * What an application reports on `gateway.errors` reaches the server's logger.
 */
import { describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer } from "./test-server.js";

/** The message every failing route throws; it must reach the log and never the client. */
const SECRET_MESSAGE = "conformance: secret failure detail";

async function* failAfterFirstChunk(): AsyncGenerator<string> {
  yield "partial body ";
  await Promise.resolve();
  throw new Error(SECRET_MESSAGE);
}

/** A body whose first next() rejects: the app fails after startResponse but before any byte is due. */
function failBeforeFirstChunk(): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error(SECRET_MESSAGE)) }),
  };
}

const failingApp: Application = async (environ, startResponse) => {
  switch (environ.PATH_INFO) {
    case "/throw":
      throw new Error(SECRET_MESSAGE);
    case "/reject":
      await Promise.resolve();
      throw new Error(SECRET_MESSAGE);
    case "/generator-before-body":
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return failBeforeFirstChunk();
    case "/after-headers":
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return failAfterFirstChunk();
    case "/after-headers-declared":
      startResponse("200 OK", [["Content-Type", "text/plain"], ["Content-Length", "100"]]);
      return failAfterFirstChunk();
    default:
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return ["still serving"];
  }
};

/** Registers the application-error cases for `target`. */
export function defineAppErrorCases(target: ServerConformanceTarget): void {
  describe("application errors", () => {
    for (const path of ["/throw", "/reject", "/generator-before-body"]) {
      it(`answers 500 without the error detail when the app fails before headers (${path}), logs it, and goes on`, async () => {
        const server = await startTestServer(target, failingApp);
        const response = await fetch(server.url(path));
        expect(response.status).toBe(500);
        const text = await response.text();
        expect(text).not.toContain(SECRET_MESSAGE);
        expect(text).not.toMatch(/\bat .+:\d+:\d+/);
        const logged = server.logger.at("error").find((entry) => entry.error instanceof Error && entry.error.message === SECRET_MESSAGE);
        expect(logged).toBeDefined();
        const next = await fetch(server.url("/ok"));
        expect(next.status).toBe(200);
        expect(await next.text()).toBe("still serving");
      });
    }

    for (const path of ["/after-headers", "/after-headers-declared"]) {
      it(`aborts the connection when the app fails after headers (${path}): the body never looks complete`, async () => {
        const server = await startTestServer(target, failingApp);
        const connection = await RawConnection.open(server.port);
        try {
          connection.send(`GET ${path} HTTP/1.1\r\nHost: a\r\n\r\n`);
          // Either the head and part of the body arrive and the framing shows the cut (RFC 9112 §8: no last
          // chunk, or fewer bytes than Content-Length), or the connection closes before any head.
          const seen = await connection.readResponse().then(
            (response) => ({ status: response.status, complete: response.complete, body: response.body.toString() }),
            () => ({ status: 0, complete: false, body: "" }),
          );
          expect([0, 200]).toContain(seen.status);
          expect(seen.complete).toBe(false);
          expect("partial body ".startsWith(seen.body)).toBe(true);
          await connection.waitForClose();
        } finally {
          connection.close();
        }
        const logged = server.logger.at("error").find((entry) => entry.error instanceof Error && entry.error.message === SECRET_MESSAGE);
        expect(logged).toBeDefined();
        expect((await fetch(server.url("/ok"))).status).toBe(200);
      });
    }

    it("resets an HTTP/1.0 close-delimited response the app fails in, so its end is never taken for the body's end", async () => {
      const server = await startTestServer(target, failingApp);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /after-headers HTTP/1.0\r\nHost: a\r\n\r\n");
        await connection.waitForClose();
        // Either nothing arrived at all, or the connection was reset: a clean close would make the partial body look whole.
        expect(connection.reset || connection.pending.length === 0).toBe(true);
      } finally {
        connection.close();
      }
    });

    it("logs each line the app writes to gateway.errors as an error record of the server's logger", async () => {
      const reportingApp: Application = (environ, startResponse) => {
        const errors = environ["gateway.errors"];
        errors.write(`conformance: cannot reach the cache for ${environ.PATH_INFO}\nconformance: falling back\n`);
        // print-style: the text, then its newline in a write of its own.
        errors.write("conformance: retrying later");
        errors.write("\n");
        errors.flush();
        startResponse("200 OK", [["Content-Type", "text/plain"]]);
        return ["ok"];
      };
      const server = await startTestServer(target, reportingApp);
      const response = await fetch(server.url("/report"));
      expect(await response.text()).toBe("ok");
      const messages = server.logger.at("error").map((entry) => entry.message);
      expect(messages.filter((message) => message.startsWith("conformance: "))).toEqual([
        "conformance: cannot reach the cache for /report",
        "conformance: falling back",
        "conformance: retrying later",
      ]);
    });

    it("makes fetch fail on a body aborted after headers", async () => {
      const server = await startTestServer(target, failingApp);
      const outcome = await fetch(server.url("/after-headers")).then(
        async (response) => `complete: ${await response.text()}`,
        (error: unknown) => `failed: ${String(error)}`,
      ).catch((error: unknown) => `failed: ${String(error)}`);
      expect(outcome).toMatch(/^failed: /);
    });
  });
}

// The application the socket tests serve: one route per behaviour under test. Test support only.
import type { Application, Body, Environ } from "@patchbay/gateway";

/** What the test application observed, for assertions the response cannot carry. */
export interface TestObservations {
  /** Resolves with `gateway.disconnect`'s aborted state once /stream-until-abort has ended (abort or 3 s). */
  streamEnded: Promise<boolean>;
  /** Number of requests the app was called for. */
  calls: number;
  /** PATH_INFO of every call, in order. */
  paths: string[];
}

/** Longest wait of /stream-until-abort for the client to go away. */
const STREAM_WAIT_MS = 3000;

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

async function readAll(environ: Environ): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of environ["gateway.input"]) parts.push(chunk);
  return Buffer.concat(parts);
}

/**
 * Routes: /hello (text "hello <path>"), /echo (the body read back), /length (body length), /slow?ms=N
 * (answers after N ms), /throw (throws before starting), /chunked (streamed: "hello", " ", "world"), /big?n=N
 * (N bytes of "x" in 64 KiB chunks), /reject (401 without reading the body), /stream-until-abort (one chunk,
 * then waits for gateway.disconnect). Anything else answers like /hello.
 */
export function createTestApplication(): { app: Application; observations: TestObservations } {
  let resolveStreamEnded: (aborted: boolean) => void = () => {};
  const observations: TestObservations = {
    streamEnded: new Promise((resolve) => (resolveStreamEnded = resolve)),
    calls: 0,
    paths: [],
  };
  const text = (start: Parameters<Application>[1], status: string, body: string): Body => {
    start(status, [["Content-Type", "text/plain; charset=utf-8"]]);
    return [body];
  };
  const app: Application = async (environ, start) => {
    observations.calls++;
    observations.paths.push(environ.PATH_INFO);
    const query = new URLSearchParams(environ.QUERY_STRING);
    switch (environ.PATH_INFO) {
      case "/echo":
        return text(start, "200 OK", (await readAll(environ)).toString("latin1"));
      case "/length":
        return text(start, "200 OK", String((await readAll(environ)).length));
      case "/slow":
        await delay(Number(query.get("ms") ?? "200"));
        return text(start, "200 OK", `slow ${environ.PATH_INFO}?${environ.QUERY_STRING}`);
      case "/throw":
        throw new Error("the test application failed on purpose");
      case "/reject":
        return text(start, "401 Unauthorized", "no");
      case "/chunked":
        start("200 OK", [["Content-Type", "text/plain"]]);
        return (async function* () {
          yield "hello";
          await delay(1);
          yield " ";
          yield "world";
        })();
      case "/big": {
        const total = Number(query.get("n") ?? "0");
        const block = Buffer.alloc(64 * 1024, "x");
        start("200 OK", [["Content-Type", "application/octet-stream"], ["Content-Length", String(total)]]);
        return (async function* () {
          for (let sent = 0; sent < total; sent += block.length) yield block.subarray(0, Math.min(block.length, total - sent));
        })();
      }
      case "/stream-until-abort": {
        const signal = environ["gateway.disconnect"];
        start("200 OK", [["Content-Type", "text/plain"]]);
        return (async function* () {
          yield "first";
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, STREAM_WAIT_MS);
            signal?.addEventListener("abort", () => {
              clearTimeout(timer);
              resolve();
            });
          });
          resolveStreamEnded(signal?.aborted ?? false);
          yield "second";
        })();
      }
      default:
        return text(start, "200 OK", `hello ${environ.PATH_INFO}`);
    }
  };
  return { app, observations };
}

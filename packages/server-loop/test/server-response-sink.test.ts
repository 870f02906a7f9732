import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createDeferred, RawConnection } from "@patchbay/conformance";
import type { ResponseHead } from "@patchbay/gateway";
import { afterEach, describe, expect, it } from "vitest";
import { ServerResponseSink } from "../src/server-response-sink.js";

type Handler = (response: ServerResponse) => void;

const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A bare node:http server on 127.0.0.1:0 whose handler drives a sink by hand. */
async function start(handler: Handler): Promise<number> {
  const server = createServer((_request, response) => handler(response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

function head(overrides: Partial<ResponseHead> = {}): ResponseHead {
  return { status: 200, reason: "OK", headers: [["Content-Type", "text/plain"]], framing: "chunked", keepAlive: true, ...overrides };
}

const RUNNING = { closing: false };
const CLOSING = { closing: true };

describe("ServerResponseSink", () => {
  it("sends the head as given, keeping repeated fields apart, then the body", async () => {
    const port = await start((response) => {
      const sink = new ServerResponseSink(response, RUNNING);
      sink.sendHead(head({ status: 201, reason: "Made It", headers: [["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"], ["Content-Length", "5"]], framing: "content-length" }));
      sink.write(Buffer.from("hello"));
      sink.end();
    });
    const connection = await RawConnection.open(port);
    connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const response = await connection.readResponse();
    expect(response.status).toBe(201);
    expect(response.reason).toBe("Made It");
    expect(response.headers.filter(([name]) => name.toLowerCase() === "set-cookie").map(([, value]) => value)).toEqual(["a=1", "b=2"]);
    expect(response.body.toString()).toBe("hello");
    expect(response.header("connection")).toBe("keep-alive");
    connection.close();
  });

  it("ends the connection after the response when the server began closing", async () => {
    const port = await start((response) => {
      const sink = new ServerResponseSink(response, CLOSING);
      sink.sendHead(head());
      sink.write(Buffer.from("bye"));
      sink.end();
    });
    const connection = await RawConnection.open(port);
    connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const response = await connection.readResponse();
    expect(response.header("connection")).toBe("close");
    expect(response.body.toString()).toBe("bye");
    await connection.waitForClose();
  });

  it("abort() after a chunked head leaves the body visibly unfinished and closes the connection", async () => {
    const port = await start((response) => {
      const sink = new ServerResponseSink(response, RUNNING);
      sink.sendHead(head());
      sink.write(Buffer.from("partial"));
      sink.abort();
    });
    const connection = await RawConnection.open(port);
    connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const response = await connection.readResponse();
    expect(response.complete).toBe(false);
    expect(response.body.toString()).toBe("partial");
    expect(connection.closed).toBe(true);
  });

  it("write() asks for a drain when node's buffer is full, drain() resolves once it empties, and at once after close", async () => {
    const results = createDeferred<{ full: boolean; drainedBeforeClose: boolean; drainAfterClose: "resolved" | "pending" }>();
    let size = 0;
    const port = await start((response) => {
      const sink = new ServerResponseSink(response, RUNNING);
      sink.sendHead(head());
      // One chunk above the high-water mark: node accepts it but asks the writer to wait.
      size = response.writableHighWaterMark * 4;
      const full = !sink.write(Buffer.alloc(size, 0x62));
      void sink.drain().then(() => {
        const drainedBeforeClose = !sink.clientGone;
        sink.end();
        response.once("close", () => {
          let state: "resolved" | "pending" = "pending";
          void sink.drain().then(() => {
            state = "resolved";
          });
          // A drain() on a closed response must not wait for an event that never comes.
          void Promise.resolve().then(() => results.resolve({ full, drainedBeforeClose, drainAfterClose: state }));
        });
      });
    });
    const connection = await RawConnection.open(port);
    connection.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const response = await connection.readResponse();
    expect(response.body.length).toBe(size);
    expect(await results.promise).toEqual({ full: true, drainedBeforeClose: true, drainAfterClose: "resolved" });
  });

  it("disconnectSignal aborts when the client leaves mid-response, not after a finished one", async () => {
    const wrote = createDeferred<boolean>();
    const aborted = createDeferred<boolean>();
    const finished = createDeferred<ServerResponseSink>();
    const port = await start((response) => {
      const sink = new ServerResponseSink(response, RUNNING);
      const signal = sink.disconnectSignal;
      if (response.req.url === "/leave") {
        sink.sendHead(head());
        sink.write(Buffer.from("x"));
        signal.addEventListener("abort", () => aborted.resolve(sink.clientGone));
        // Created once: the same signal every time it is asked for.
        wrote.resolve(sink.disconnectSignal === signal);
      } else {
        sink.sendHead(head({ headers: [["Content-Length", "2"]], framing: "content-length" }));
        sink.write(Buffer.from("ok"));
        sink.end();
        response.once("close", () => finished.resolve(sink));
      }
    });
    const leaving = await RawConnection.open(port);
    leaving.send("GET /leave HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(await wrote.promise).toBe(true);
    leaving.close();
    expect(await aborted.promise).toBe(true);

    const staying = await RawConnection.open(port);
    staying.send("GET /stay HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect((await staying.readResponse()).body.toString()).toBe("ok");
    const sink = await finished.promise;
    expect(sink.disconnectSignal.aborted).toBe(false);
  });
});

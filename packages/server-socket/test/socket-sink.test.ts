// SocketSink against a recording socket: head serialisation, framing, batching into one write, drain.
import { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import type { ResponseHead } from "@patchbay/gateway";
import { describe, expect, it } from "vitest";
import { BATCH_HIGH_WATER_BYTES, SocketSink } from "../src/socket-sink.js";

/** The part of net.Socket the sink uses, recording every write as latin-1 text. */
class RecordingSocket extends EventEmitter {
  readonly writes: string[] = [];
  destroyed = false;
  writableEnded = false;
  writableNeedDrain = false;
  corked = 0;
  write(bytes: Uint8Array): boolean {
    this.writes.push(Buffer.from(bytes).toString("latin1"));
    return !this.writableNeedDrain;
  }
  cork(): void {
    this.corked++;
  }
  uncork(): void {
    this.corked--;
  }
  reset = false;
  destroy(): void {
    this.destroyed = true;
    this.emit("close");
  }
  resetAndDestroy(): void {
    this.reset = true;
    this.destroy();
  }
}

function setup(): { socket: RecordingSocket; sink: SocketSink } {
  const socket = new RecordingSocket();
  const sink = new SocketSink(socket as unknown as Socket);
  sink.begin(false);
  return { socket, sink };
}

function head(framing: ResponseHead["framing"], headers: ResponseHead["headers"]): ResponseHead {
  return { status: 200, reason: "OK", headers, framing, keepAlive: true };
}

/** Waits past the sink's scheduled flush (setImmediate). */
function afterFlush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe("SocketSink", () => {
  it("sends the head and a small Content-Length body in one write", async () => {
    const { socket, sink } = setup();
    sink.sendHead(head("content-length", [["Content-Length", "5"], ["Content-Type", "text/plain"]]));
    sink.write(Buffer.from("hello"));
    sink.end();
    expect(socket.writes).toEqual([]);
    await afterFlush();
    expect(socket.writes).toEqual(["HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello"]);
  });

  it("frames a chunked body as size-hex CRLF data CRLF and ends with the last chunk", async () => {
    const { socket, sink } = setup();
    sink.sendHead(head("chunked", [["Transfer-Encoding", "chunked"]]));
    sink.write(Buffer.from("hello"));
    sink.write(Buffer.alloc(26, "a"));
    sink.end();
    await afterFlush();
    expect(socket.writes.join("")).toBe(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1a\r\n${"a".repeat(26)}\r\n0\r\n\r\n`);
  });

  it("ends an empty chunked body with the last chunk only", async () => {
    const { socket, sink } = setup();
    sink.sendHead(head("chunked", [["Transfer-Encoding", "chunked"]]));
    sink.end();
    await afterFlush();
    expect(socket.writes.join("")).toBe("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  });

  it("sends no body bytes when the framing is none (HEAD, 204, 304)", async () => {
    const { socket, sink } = setup();
    sink.sendHead({ status: 204, reason: "No Content", headers: [], framing: "none", keepAlive: true });
    sink.write(Buffer.from("ignored"));
    sink.end();
    await afterFlush();
    expect(socket.writes).toEqual(["HTTP/1.1 204 No Content\r\n\r\n"]);
  });

  it("replaces the Connection field with close when the connection decided to close", async () => {
    const { socket, sink } = setup();
    sink.closeAfterResponse = true;
    sink.sendHead(head("content-length", [["Content-Length", "0"], ["Connection", "keep-alive"]]));
    sink.end();
    await afterFlush();
    expect(socket.writes).toEqual(["HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"]);
  });

  it("batches the responses of one loop turn into one write (pipelining)", async () => {
    const { socket, sink } = setup();
    for (const body of ["one", "two"]) {
      sink.begin(false);
      sink.sendHead(head("content-length", [["Content-Length", "3"]]));
      sink.write(Buffer.from(body));
      sink.end();
    }
    await afterFlush();
    expect(socket.writes).toEqual(["HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\noneHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo"]);
  });

  it("writes a large chunk straight to the socket, corked with the batch before it", () => {
    const { socket, sink } = setup();
    const large = Buffer.alloc(BATCH_HIGH_WATER_BYTES, "b");
    sink.sendHead(head("content-length", [["Content-Length", String(large.length)]]));
    sink.write(large);
    expect(socket.writes).toHaveLength(2);
    expect(socket.writes[0]).toBe(`HTTP/1.1 200 OK\r\nContent-Length: ${large.length}\r\n\r\n`);
    expect(socket.writes[1]).toHaveLength(large.length);
    expect(socket.corked).toBe(0);
  });

  it("returns false from write while the socket needs draining, and drain() waits for 'drain'", async () => {
    const { socket, sink } = setup();
    sink.sendHead(head("content-length", [["Content-Length", "3"]]));
    socket.writableNeedDrain = true;
    expect(sink.write(Buffer.from("abc"))).toBe(false);
    let drained = false;
    const waiting = sink.drain().then(() => (drained = true));
    await afterFlush();
    expect(drained).toBe(false);
    socket.writableNeedDrain = false;
    socket.emit("drain");
    await waiting;
    expect(drained).toBe(true);
  });

  it("ignores the writer after detach() and reports the client gone", async () => {
    const { socket, sink } = setup();
    sink.detach();
    sink.sendHead(head("content-length", [["Content-Length", "1"]]));
    sink.write(Buffer.from("x"));
    sink.end();
    await afterFlush();
    expect(socket.writes).toEqual([]);
    expect(sink.clientGone).toBe(true);
  });

  it("abort() drops a response none of which has left yet, so the client sees nothing of it", () => {
    const { socket, sink } = setup();
    sink.sendHead(head("close", [["Content-Type", "text/plain"]]));
    sink.write(Buffer.from("partial"));
    sink.abort();
    expect(socket.writes).toEqual([]);
    expect(socket.reset).toBe(true);
  });

  it("calls onClientGone when the writer finds the socket destroyed", () => {
    const socket = new RecordingSocket();
    let gone = 0;
    const sink = new SocketSink(socket as unknown as Socket, () => gone++);
    expect(sink.clientGone).toBe(false);
    socket.destroyed = true;
    expect(sink.clientGone).toBe(true);
    expect(gone).toBe(1);
  });

  it("abort() flushes the whole responses batched before it, then resets the socket", () => {
    const { socket, sink } = setup();
    sink.sendHead(head("content-length", [["Content-Length", "2"]]));
    sink.write(Buffer.from("ok"));
    sink.end();
    sink.begin(false);
    sink.sendHead(head("chunked", [["Transfer-Encoding", "chunked"]]));
    sink.abort();
    expect(socket.reset).toBe(true);
    expect(socket.writes.join("")).toContain("\r\n\r\nok");
  });

  it("writes a response ended while the flush is held as soon as it is released with nothing more pending", () => {
    const { socket, sink } = setup();
    sink.holdFlush();
    sink.sendHead(head("content-length", [["Content-Length", "2"]]));
    sink.write(Buffer.from("ok"));
    sink.end();
    expect(socket.writes).toEqual([]);
    sink.releaseFlush(false);
    expect(socket.writes).toEqual(["HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"]);
  });

  it("keeps the batch for the scheduled flush when more pipelined requests are pending or the response is unfinished", async () => {
    const { socket, sink } = setup();
    sink.holdFlush();
    sink.sendHead(head("content-length", [["Content-Length", "2"]]));
    sink.write(Buffer.from("ok"));
    sink.end();
    sink.releaseFlush(true);
    sink.begin(false);
    sink.sendHead(head("chunked", [["Transfer-Encoding", "chunked"]]));
    expect(socket.writes).toEqual([]);
    await afterFlush();
    expect(socket.writes).toEqual(["HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"]);

    sink.end();
    await afterFlush();
    sink.begin(false);
    sink.holdFlush();
    sink.sendHead(head("chunked", [["Transfer-Encoding", "chunked"]]));
    sink.releaseFlush(false);
    expect(socket.writes).toHaveLength(2);
    await afterFlush();
    expect(socket.writes.slice(2).join("")).toBe("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
  });

  it("serialises every head from its own fields, though a repeated head reuses the previous text", async () => {
    const { socket, sink } = setup();
    const fields: [string, string][] = [["Content-Length", "0"], ["X-Id", "1"]];
    sink.sendHead(head("content-length", fields));
    sink.end();
    // The caller reuses its own list: the next head must not be taken for the previous one.
    (fields[1] as [string, string])[1] = "2";
    sink.begin(false);
    sink.sendHead(head("content-length", fields));
    sink.end();
    sink.begin(false);
    sink.sendHead(head("content-length", [["Content-Length", "0"], ["X-Id", "2"]]));
    sink.end();
    sink.begin(true);
    sink.sendHead(head("content-length", [["Content-Length", "0"], ["X-Id", "2"]]));
    sink.end();
    sink.begin(false);
    sink.sendHead({ status: 404, reason: "Not Found", headers: [["Content-Length", "0"], ["X-Id", "2"]], framing: "content-length", keepAlive: true });
    sink.end();
    await afterFlush();
    expect(socket.writes.join("")).toBe(
      "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Id: 1\r\n\r\n" +
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Id: 2\r\n\r\n" +
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Id: 2\r\n\r\n" +
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Id: 2\r\nConnection: close\r\n\r\n" +
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nX-Id: 2\r\n\r\n",
    );
  });
});

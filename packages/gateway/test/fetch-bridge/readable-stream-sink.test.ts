import { describe, expect, test } from "vitest";
import { ReadableStreamSink } from "../../src/fetch-bridge/readable-stream-sink.js";
import type { ResponseHead } from "../../src/response-sink.js";

const head = (status: number, framing: ResponseHead["framing"] = "chunked"): ResponseHead => ({ status, reason: "R", headers: [], framing, keepAlive: true });

function openSink(highWaterMarkBytes?: number) {
  let stream: ReadableStream<Uint8Array> | null = null;
  let heads = 0;
  const cancelReasons: unknown[] = [];
  const sink = new ReadableStreamSink({
    highWaterMarkBytes,
    onHead: (_head, body) => {
      heads += 1;
      stream = body;
    },
    onCancel: (reason) => cancelReasons.push(reason),
  });
  return { sink, cancelReasons, stream: () => stream, heads: () => heads };
}

const bytes = (length: number) => new Uint8Array(length);

describe("streaming and backpressure", () => {
  test("sendHead hands over a stream that carries every written chunk, in order, then ends", async () => {
    const { sink, stream, heads } = openSink();
    sink.sendHead(head(200));
    expect(heads()).toBe(1);
    sink.write(new TextEncoder().encode("ab"));
    sink.write(new TextEncoder().encode("cd"));
    sink.end();
    expect(await new Response(stream()).text()).toBe("abcd");
  });

  test("write() returns false once the unread bytes reach the high-water mark, and drain() resolves on the next read", async () => {
    const { sink, stream } = openSink(10);
    sink.sendHead(head(200));
    expect(sink.write(bytes(4))).toBe(true);
    expect(sink.write(bytes(6))).toBe(false);
    let drained = false;
    const drain = sink.drain().then(() => {
      drained = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    const reader = (stream() as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).value?.length).toBe(4);
    await drain;
    expect(drained).toBe(true);
  });

  test("drain() resolves at once while there is room", async () => {
    const { sink } = openSink(10);
    sink.sendHead(head(200));
    sink.write(bytes(1));
    await expect(sink.drain()).resolves.toBeUndefined();
  });
});

describe("client gone and failures", () => {
  test("cancelling the stream marks the client gone, releases a waiting drain, and reports the reason once", async () => {
    const { sink, stream, cancelReasons } = openSink(4);
    sink.sendHead(head(200));
    expect(sink.write(bytes(4))).toBe(false);
    const drain = sink.drain();
    await (stream() as ReadableStream<Uint8Array>).cancel("bye");
    await drain;
    expect(sink.clientGone).toBe(true);
    expect(cancelReasons).toEqual(["bye"]);
    // Later writes and end() are harmless: the bytes have nowhere to go.
    expect(sink.write(bytes(1))).toBe(true);
    sink.end();
  });

  test("abort() errors the stream so the consumer never takes a truncated body as whole", async () => {
    const { sink, stream } = openSink();
    sink.sendHead(head(200));
    sink.write(bytes(2));
    sink.abort(new Error("broken"));
    const reader = (stream() as ReadableStream<Uint8Array>).getReader();
    await expect(reader.read()).rejects.toThrow("broken");
  });

  test("markClientGone() stops the writer and fails a reader still waiting", async () => {
    const { sink, stream } = openSink();
    sink.sendHead(head(200));
    const reader = (stream() as ReadableStream<Uint8Array>).getReader();
    const pending = reader.read();
    sink.markClientGone(new Error("client left"));
    expect(sink.clientGone).toBe(true);
    await expect(pending).rejects.toThrow("client left");
    await expect(sink.drain()).resolves.toBeUndefined();
  });
});

describe("null bodies", () => {
  test.each([204, 205, 304])("status %i gets a null body and drops any bytes", (status) => {
    const { sink, stream, heads } = openSink();
    sink.sendHead(head(status, status === 205 ? "content-length" : "none"));
    expect(heads()).toBe(1);
    expect(stream()).toBeNull();
    expect(sink.write(bytes(3))).toBe(true);
    sink.end();
  });

  test("framing none (a HEAD response) gets a null body", () => {
    const { sink, stream } = openSink();
    sink.sendHead(head(200, "none"));
    expect(stream()).toBeNull();
  });

  test("a head sent after the client left is not handed over", () => {
    const { sink, heads } = openSink();
    sink.markClientGone(new Error("gone"));
    sink.sendHead(head(200));
    expect(heads()).toBe(0);
    expect(sink.write(bytes(1))).toBe(true);
  });
});

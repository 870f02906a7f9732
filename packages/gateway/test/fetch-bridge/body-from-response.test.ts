import { describe, expect, test } from "vitest";
import { bodyFromResponse } from "../../src/fetch-bridge/body-from-response.js";
import type { Chunk } from "../../src/types.js";

const decoder = new TextDecoder();

function trackedStream(parts: string[]) {
  const state = { pulls: 0, cancelled: false as boolean, reason: undefined as unknown };
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const part = parts[state.pulls];
        state.pulls += 1;
        if (part === undefined) controller.close();
        else controller.enqueue(encoder.encode(part));
      },
      cancel(reason) {
        state.cancelled = true;
        state.reason = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

async function collect(body: AsyncIterable<Chunk>): Promise<string> {
  let text = "";
  for await (const chunk of body) text += typeof chunk === "string" ? chunk : decoder.decode(chunk);
  return text;
}

describe("bodyFromResponse", () => {
  test("a Response without a body is an empty array", () => {
    expect(bodyFromResponse(new Response(null, { status: 204 }))).toEqual([]);
  });

  test("yields the stream's chunks one by one as they are read", async () => {
    const { stream, state } = trackedStream(["a", "b", "c"]);
    const body = bodyFromResponse(new Response(stream)) as AsyncIterable<Chunk>;
    expect(state.pulls).toBe(0);
    const iterator = body[Symbol.asyncIterator]();
    expect(decoder.decode((await iterator.next()).value as Uint8Array)).toBe("a");
    expect(state.pulls).toBe(1);
    expect(await collect({ [Symbol.asyncIterator]: () => iterator })).toBe("bc");
  });

  test("close() cancels an unfinished stream, so the producer stops", async () => {
    const { stream, state } = trackedStream(["a", "b", "c"]);
    const body = bodyFromResponse(new Response(stream));
    const iterator = (body as AsyncIterable<Chunk>)[Symbol.asyncIterator]();
    await iterator.next();
    await body.close?.();
    expect(state.cancelled).toBe(true);
    expect((await iterator.next()).done).toBe(true);
  });

  test("close() before any read cancels the stream too, and a second close() is a no-op", async () => {
    const { stream, state } = trackedStream(["a"]);
    const body = bodyFromResponse(new Response(stream));
    await body.close?.();
    await body.close?.();
    expect(state.cancelled).toBe(true);
  });

  test("close() after the stream ended does not cancel it", async () => {
    const { stream, state } = trackedStream(["a"]);
    const body = bodyFromResponse(new Response(stream));
    expect(await collect(body as AsyncIterable<Chunk>)).toBe("a");
    await body.close?.();
    expect(state.cancelled).toBe(false);
  });

  test("a body already read is refused with ERR_FETCH_BRIDGE_BODY_USED", async () => {
    const response = new Response("used");
    await response.text();
    expect(() => bodyFromResponse(response)).toThrow(expect.objectContaining({ code: "ERR_FETCH_BRIDGE_BODY_USED", status: 500 }));
  });

  test("a stream error reaches the reader, and close() afterwards does not throw", async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("upstream failed"));
      },
    });
    const body = bodyFromResponse(new Response(stream));
    await expect(collect(body as AsyncIterable<Chunk>)).rejects.toThrow("upstream failed");
    await expect(body.close?.()).resolves.toBeUndefined();
  });

  test("a disconnect cancels the stream at once, even with a read pending, and the pending read fails", async () => {
    const cancelled: unknown[] = [];
    const idle = new ReadableStream<Uint8Array>({
      pull: () => new Promise<void>(() => undefined),
      cancel: (reason) => {
        cancelled.push(reason);
      },
    });
    const disconnect = new AbortController();
    const body = bodyFromResponse(new Response(idle), disconnect.signal);
    const pending = (body as AsyncIterable<Chunk>)[Symbol.asyncIterator]().next();
    disconnect.abort(new Error("client left"));
    await expect(pending).rejects.toMatchObject({ code: "ERR_FETCH_BRIDGE_DISCONNECTED", cause: new Error("client left") });
    expect(cancelled).toHaveLength(1);
  });

  test("a disconnect that came before the body was made cancels it before the first read", async () => {
    const { stream, state } = trackedStream(["a"]);
    const body = bodyFromResponse(new Response(stream), AbortSignal.abort());
    await expect((body as AsyncIterable<Chunk>)[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: "ERR_FETCH_BRIDGE_DISCONNECTED" });
    expect(state.cancelled).toBe(true);
    expect(state.pulls).toBe(0);
  });

  test("a disconnect after close() is ignored: a finished body is not cancelled", async () => {
    const { stream, state } = trackedStream(["a"]);
    const disconnect = new AbortController();
    const body = bodyFromResponse(new Response(stream), disconnect.signal);
    expect(await collect(body as AsyncIterable<Chunk>)).toBe("a");
    await body.close?.();
    disconnect.abort();
    expect(state.cancelled).toBe(false);
  });
});

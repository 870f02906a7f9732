// Tests for stream-body.ts: error reporting and exactly-once release of a streamed body.
import { describe, expect, test } from "vitest";
import { isStreamSource, StreamBody } from "../src/stream-body.js";

async function collect(body: StreamBody): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of body) chunks.push(String(chunk));
  return chunks;
}

describe("StreamBody", () => {
  test("yields the source's chunks", async () => {
    async function* source(): AsyncGenerator<string> {
      yield "a";
      yield "b";
    }
    expect(await collect(new StreamBody(source(), () => undefined))).toEqual(["a", "b"]);
  });

  test("reports a failing source to onError and re-throws", async () => {
    const reported: unknown[] = [];
    async function* source(): AsyncGenerator<string> {
      yield "a";
      throw new Error("broken");
    }
    const body = new StreamBody(source(), (error) => reported.push(error));
    await expect(collect(body)).rejects.toThrow("broken");
    expect(reported).toEqual([expect.objectContaining({ message: "broken" })]);
  });

  test("close() stops a source that is still running (its finally runs) and calls its close() once", async () => {
    let finallyRan = false;
    let closes = 0;
    const source = {
      async *[Symbol.asyncIterator](): AsyncGenerator<string> {
        try {
          yield "a";
          yield "b";
        } finally {
          finallyRan = true;
        }
      },
      close(): void {
        closes++;
      },
    };
    const body = new StreamBody(source, () => undefined);
    expect((await body.next()).value).toBe("a");
    await body.close();
    await body.close();
    expect(finallyRan).toBe(true);
    expect(closes).toBe(1);
  });

  test("close() destroys a node-style source that was never iterated", async () => {
    let destroyed = false;
    const source = {
      async *[Symbol.asyncIterator](): AsyncGenerator<string> {
        yield "never";
      },
      destroy(): void {
        destroyed = true;
      },
    };
    await new StreamBody(source, () => undefined).close();
    expect(destroyed).toBe(true);
  });

  test("close() after a finished source does not stop it again", async () => {
    let returns = 0;
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.resolve({ done: true, value: undefined }),
        return: () => {
          returns++;
          return Promise.resolve({ done: true, value: undefined });
        },
      }),
    };
    const body = new StreamBody(source, () => undefined);
    await collect(body);
    await body.close();
    expect(returns).toBe(0);
  });

  test("isStreamSource recognises async iterables only", () => {
    expect(isStreamSource((async function* () {})())).toBe(true);
    expect(isStreamSource(["sync", "array"])).toBe(false);
    expect(isStreamSource("text")).toBe(false);
    expect(isStreamSource(null)).toBe(false);
  });
});

import { describe, expect, test } from "vitest";
import { createEmptyInputStream, createInputStream } from "../src/input-stream.js";

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString();

describe("createInputStream", () => {
  test("read(n) returns at most n bytes, across source chunks", async () => {
    const input = createInputStream(chunks("hel", "lo wor", "ld"));
    expect(text(await input.read(4))).toBe("hell");
    expect(text(await input.read(100))).toBe("o world");
    expect((await input.read(1)).length).toBe(0);
  });

  test("read() returns everything that is left", async () => {
    const input = createInputStream(chunks("a", "b", "c"));
    await input.read(1);
    expect(text(await input.read())).toBe("bc");
  });

  test("readline() returns lines with their LF, and honours its size limit", async () => {
    const input = createInputStream(chunks("one\ntw", "o\nthree"));
    expect(text(await input.readline())).toBe("one\n");
    expect(text(await input.readline(2))).toBe("tw");
    expect(text(await input.readline())).toBe("o\n");
    expect(text(await input.readline())).toBe("three");
    expect((await input.readline()).length).toBe(0);
  });

  test("never reads past contentLength", async () => {
    const input = createInputStream(chunks("12345", "678"), { contentLength: 6 });
    expect(text(await input.read())).toBe("123456");
  });

  test("a source that ends before contentLength is a 400 error", async () => {
    const input = createInputStream(chunks("12"), { contentLength: 5 });
    await expect(input.read()).rejects.toMatchObject({ code: "ERR_GATEWAY_INPUT_INCOMPLETE", status: 400 });
  });

  test("async iteration yields the body in order", async () => {
    const input = createInputStream(chunks("a", "bc", "d"), { contentLength: 4 });
    const seen: string[] = [];
    for await (const chunk of input) seen.push(text(chunk));
    expect(seen.join("")).toBe("abcd");
  });

  test("onFirstRead runs once, only when the body is first read (100-continue)", async () => {
    let calls = 0;
    const input = createInputStream(chunks("xy"), { onFirstRead: () => calls++ });
    expect(calls).toBe(0);
    await input.read(1);
    await input.read(1);
    expect(calls).toBe(1);
  });

  test("reads that are not awaited in between still come out in order", async () => {
    const input = createInputStream(chunks("ab", "cd"));
    const [first, second] = await Promise.all([input.read(1), input.read(3)]);
    expect(text(first as Uint8Array) + text(second as Uint8Array)).toBe("abcd");
  });

  test("pulls lazily: nothing is read from the source before the app asks", async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for (const part of ["a", "b", "c"]) {
        pulled++;
        yield Buffer.from(part);
      }
    }
    const input = createInputStream(counted());
    expect(pulled).toBe(0);
    await input.read(1);
    expect(pulled).toBe(1);
  });

  test("the empty stream is at its end", async () => {
    const input = createEmptyInputStream();
    expect((await input.read()).length).toBe(0);
    expect((await input.readline()).length).toBe(0);
  });
});

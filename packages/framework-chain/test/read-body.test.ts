// Tests for read-body.ts: reading a body under a byte limit.
import { createInputStream } from "@patchbay/gateway";
import { describe, expect, test } from "vitest";
import { readBody } from "../src/read-body.js";

async function* source(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe("readBody", () => {
  test("concatenates all chunks", async () => {
    const bytes = await readBody(createInputStream(source("ab", "cd", "e")), 100);
    expect(Buffer.from(bytes).toString()).toBe("abcde");
  });

  test("an empty body is an empty array", async () => {
    expect((await readBody(createInputStream(source()), 100)).length).toBe(0);
  });

  test("exactly the limit is fine; one byte more fails with 413", async () => {
    expect((await readBody(createInputStream(source("12345")), 5)).length).toBe(5);
    await expect(readBody(createInputStream(source("123", "456")), 5)).rejects.toMatchObject({ code: "ERR_CHAIN_BODY_TOO_LARGE", status: 413 });
  });

  test("a declared length over the limit fails before reading", async () => {
    let pulled = false;
    async function* lazy(): AsyncGenerator<Uint8Array> {
      pulled = true;
      yield new Uint8Array(1);
    }
    await expect(readBody(createInputStream(lazy()), 5, 6)).rejects.toMatchObject({ status: 413 });
    expect(pulled).toBe(false);
  });
});

import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { hashBody } from "../src/hash-body.js";

async function* pieces(...texts: string[]): AsyncGenerator<Uint8Array> {
  for (const text of texts) yield new TextEncoder().encode(text);
}

describe("hashBody", () => {
  test("answers the byte length and SHA-256 of the whole stream, however it is split", async () => {
    const whole = createHash("sha256").update("hello, matrix").digest("hex");
    expect(await hashBody(pieces("hello", ", ", "matrix"))).toEqual({ bytes: 13, sha256: whole });
    expect(await hashBody(pieces("hello, matrix"))).toEqual({ bytes: 13, sha256: whole });
  });

  test("an empty body is 0 bytes with the SHA-256 of nothing", async () => {
    expect(await hashBody([])).toEqual({ bytes: 0, sha256: createHash("sha256").digest("hex") });
  });
});

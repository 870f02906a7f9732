import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { limitChunkedBody, type BodyLimitState } from "../src/request-body.js";

function body(...chunks: string[]): IncomingMessage {
  return Readable.from(chunks.map((chunk) => Buffer.from(chunk))) as unknown as IncomingMessage;
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<string> {
  let text = "";
  for await (const chunk of source) text += Buffer.from(chunk).toString();
  return text;
}

describe("limitChunkedBody", () => {
  it("passes a body within the limit through unchanged", async () => {
    const state: BodyLimitState = { bodyTooLarge: false };
    expect(await collect(limitChunkedBody(body("hello ", "world"), 11, state))).toBe("hello world");
    expect(state.bodyTooLarge).toBe(false);
  });

  it("throws a 413 LoopError once the limit is passed, after yielding what fit, and marks the state", async () => {
    const state: BodyLimitState = { bodyTooLarge: false };
    const seen: string[] = [];
    const error: unknown = await (async () => {
      for await (const chunk of limitChunkedBody(body("12345", "67890", "X"), 10, state)) seen.push(Buffer.from(chunk).toString());
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(["12345", "67890"]);
    expect(error).toMatchObject({ code: "ERR_LOOP_BODY_TOO_LARGE", status: 413, message: "request body is larger than the limit of 10 bytes" });
    expect(state.bodyTooLarge).toBe(true);
  });
});

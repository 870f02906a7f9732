import { describe, expect, test } from "vitest";
import { DEFAULT_GREETING_NAME, MAX_STREAM_CHUNKS, STREAM_CHUNK_COUNT, greeting, streamChunk, streamChunkCount } from "../src/contract.js";

describe("streamChunkCount", () => {
  test("reads a decimal count, capped at MAX_STREAM_CHUNKS", () => {
    expect(streamChunkCount("3")).toBe(3);
    expect(streamChunkCount("0")).toBe(0);
    expect(streamChunkCount("9999")).toBe(MAX_STREAM_CHUNKS);
  });

  test("falls back to STREAM_CHUNK_COUNT for an absent or invalid value", () => {
    expect([null, undefined, "", "-1", "2.5", "abc", "12345"].map(streamChunkCount)).toEqual(Array(7).fill(STREAM_CHUNK_COUNT));
  });
});

describe("greeting and streamChunk", () => {
  test("greets the given name, else the default", () => {
    expect(greeting("Ada")).toEqual({ greeting: "Hello, Ada" });
    expect(greeting(null)).toEqual({ greeting: `Hello, ${DEFAULT_GREETING_NAME}` });
  });

  test("chunks are numbered lines", () => {
    expect([0, 1].map(streamChunk).join("")).toBe("chunk 0\nchunk 1\n");
  });
});

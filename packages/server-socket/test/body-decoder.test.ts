// Body decoders: Content-Length and chunked framing, limits, zero-copy views and exact stopping points.
import { describe, expect, it } from "vitest";
import { MAX_CHUNK_EXTENSION_BYTES, createBodyDecoder } from "../src/body-decoder.js";
import type { BodyData, BodyDecoder, BodyResult } from "../src/body-decoder.js";
import { CHUNKED_BODY, NO_BODY } from "../src/parser.js";

const bytes = (text: string): Buffer => Buffer.from(text, "latin1");

function expectData(result: BodyResult): BodyData {
  if (result.kind !== "data") throw new Error(`expected data, got ${JSON.stringify(result)}`);
  return result;
}

const text = (result: BodyData): string => Buffer.concat(result.data).toString("latin1");

/** Feeds `slices` in order; returns the body text and every byte after the body (the next request). */
function feed(decoder: BodyDecoder, slices: string[]): { body: string; rest: string } {
  let body = "";
  for (const [index, slice] of slices.entries()) {
    const buffer = bytes(slice);
    const result = expectData(decoder.decode(buffer));
    body += text(result);
    if (result.done) return { body, rest: buffer.toString("latin1", result.consumed) + slices.slice(index + 1).join("") };
    expect(result.consumed).toBe(buffer.length);
  }
  return { body, rest: "" };
}

describe("no body", () => {
  it("is done from the start and consumes nothing", () => {
    const decoder = createBodyDecoder(NO_BODY);
    expect(decoder.done).toBe(true);
    expect(decoder.decode(bytes("GET / HTTP/1.1\r\n"))).toEqual({ kind: "data", data: [], consumed: 0, done: true });
    expect(decoder.received).toBe(0);
    expect(decoder.trailers).toEqual([]);
  });
});

describe("Content-Length body", () => {
  it("reads exactly length bytes across slices and leaves the rest", () => {
    const decoder = createBodyDecoder({ kind: "length", length: 10 });
    expect(feed(decoder, ["0123", "45", "6789GET /next"])).toEqual({ body: "0123456789", rest: "GET /next" });
    expect(decoder.done).toBe(true);
    expect(decoder.received).toBe(10);
    expect(decoder.decode(bytes("more"))).toMatchObject({ consumed: 0, done: true });
  });

  it("starts at the offset and returns views into the given buffer, not copies", () => {
    const buffer = bytes("HEADbody");
    const result = expectData(createBodyDecoder({ kind: "length", length: 4 }).decode(buffer, 4));
    expect(result.consumed).toBe(4);
    expect(result.data).toHaveLength(1);
    const view = result.data[0] as Buffer;
    expect(view.buffer).toBe(buffer.buffer);
    expect(view.byteOffset).toBe(buffer.byteOffset + 4);
  });

  it("returns no data and not done for an empty slice", () => {
    expect(createBodyDecoder({ kind: "length", length: 3 }).decode(Buffer.alloc(0))).toEqual({
      kind: "data",
      data: [],
      consumed: 0,
      done: false,
    });
  });

  it("refuses a length above maxBodyBytes with 413", () => {
    const decoder = createBodyDecoder({ kind: "length", length: 11 }, { maxBodyBytes: 10 });
    expect(decoder.decode(bytes("x"))).toMatchObject({ kind: "error", code: "ERR_SOCKET_BODY_TOO_LARGE", status: 413 });
  });
});

describe("chunked body", () => {
  it("decodes chunks split anywhere and stops right after the final CRLF", () => {
    const wire = "4\r\nWiki\r\n5;note=x\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\nNEXT";
    for (let cut = 1; cut < wire.length; cut++) {
      const decoder = createBodyDecoder(CHUNKED_BODY);
      expect(feed(decoder, [wire.slice(0, cut), wire.slice(cut)]), `cut at ${cut}`).toEqual({
        body: "Wikipedia in\r\n\r\nchunks.",
        rest: "NEXT",
      });
      expect(decoder.received).toBe(23);
    }
  });

  it("returns chunk data as views into the given buffer", () => {
    const buffer = bytes("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    const result = expectData(createBodyDecoder(CHUNKED_BODY).decode(buffer));
    expect(result.done).toBe(true);
    expect(result.data.map((part) => part.toString())).toEqual(["abc", "de"]);
    expect(result.data.every((part) => part.buffer === buffer.buffer)).toBe(true);
  });

  it("collects trailer fields apart from the head", () => {
    const decoder = createBodyDecoder(CHUNKED_BODY);
    feed(decoder, ["1\r\nx\r\n0\r\nServer-Timing: db;dur=5\r\n", "X-Sum:\t42 \r\n\r\n"]);
    expect(decoder.done).toBe(true);
    expect(decoder.trailers).toEqual(["Server-Timing", "db;dur=5", "X-Sum", "42"]);
  });

  it("keeps returning its error after one", () => {
    const decoder = createBodyDecoder(CHUNKED_BODY);
    const error = decoder.decode(bytes("z\r\n"));
    expect(error).toMatchObject({ kind: "error", code: "ERR_SOCKET_BAD_CHUNK", status: 400 });
    expect(decoder.decode(bytes("0\r\n\r\n"))).toBe(error);
    expect(decoder.done).toBe(false);
  });

  it("counts chunk extensions over the whole request, not per chunk", () => {
    const limits = { maxChunkExtensionBytes: 20 };
    const one = ";a=0123456789\r\n"; // 12 extension bytes per chunk
    expect(expectData(createBodyDecoder(CHUNKED_BODY, limits).decode(bytes(`1${one}x\r\n0\r\n\r\n`))).done).toBe(true);
    expect(createBodyDecoder(CHUNKED_BODY, limits).decode(bytes(`1${one}x\r\n1${one}y\r\n0\r\n\r\n`))).toMatchObject({
      code: "ERR_SOCKET_CHUNK_EXTENSION_TOO_LARGE",
    });
    expect(MAX_CHUNK_EXTENSION_BYTES).toBe(16384);
  });

  it("fails an endless chunk extension before its LF arrives", () => {
    const decoder = createBodyDecoder(CHUNKED_BODY, { maxChunkExtensionBytes: 64 });
    expect(expectData(decoder.decode(bytes("5;a=b"))).consumed).toBe(5);
    expect(decoder.decode(bytes("b".repeat(100)))).toMatchObject({ code: "ERR_SOCKET_CHUNK_EXTENSION_TOO_LARGE" });
  });

  it("fails an endless trailer section before its empty line arrives", () => {
    const decoder = createBodyDecoder(CHUNKED_BODY, { maxHeaderBytes: 32 });
    expect(expectData(decoder.decode(bytes("0\r\nX: "))).done).toBe(false);
    expect(decoder.decode(bytes("t".repeat(40)))).toMatchObject({ code: "ERR_SOCKET_TRAILERS_TOO_LARGE", status: 431 });
  });

  it("refuses a chunk that would pass maxBodyBytes at its size line, before its data", () => {
    const decoder = createBodyDecoder(CHUNKED_BODY, { maxBodyBytes: 10 });
    expect(expectData(decoder.decode(bytes("6\r\nabcdef\r\n"))).done).toBe(false);
    expect(decoder.decode(bytes("5\r\n"))).toMatchObject({ code: "ERR_SOCKET_BODY_TOO_LARGE", status: 413 });
  });

  it("accepts the largest safe chunk size and waits for its data", () => {
    const decoder = createBodyDecoder(CHUNKED_BODY, { maxBodyBytes: Number.MAX_SAFE_INTEGER });
    expect(expectData(decoder.decode(bytes("1FFFFFFFFFFFFF\r\nabc"))).done).toBe(false);
    expect(decoder.received).toBe(3);
  });

  it.each([
    ["0x1\r\n", "ERR_SOCKET_BAD_CHUNK"],
    ["\r\n", "ERR_SOCKET_BAD_CHUNK"],
    [";a\r\n", "ERR_SOCKET_BAD_CHUNK"],
    ["1;a=\r\n", "ERR_SOCKET_BAD_CHUNK"],
    ['1;a="open\r\n', "ERR_SOCKET_BAD_CHUNK"],
    ["1;a=b c\r\n", "ERR_SOCKET_BAD_CHUNK"],
    ["1\r\nxy", "ERR_SOCKET_BAD_CHUNK"],
    ["1\r\nx\r\r", "ERR_SOCKET_BAD_CHUNK"],
    ["1\r\r\n", "ERR_SOCKET_BAD_LINE_ENDING"],
    ["0\r\nX: a\n", "ERR_SOCKET_BAD_LINE_ENDING"],
    ["0\r\n\n", "ERR_SOCKET_BAD_LINE_ENDING"],
    ["0\r\nX: \x00\r\n\r\n", "ERR_SOCKET_BAD_HEADER_VALUE"],
  ])("rejects %j with %s", (wire, code) => {
    expect(createBodyDecoder(CHUNKED_BODY).decode(bytes(wire))).toMatchObject({ kind: "error", code });
  });

  it.each(['1;a="q\\"uoted;=,"\r\n', "1 ; a ; b = c\r\n", "1;a=b;c\r\n", "00001\r\n"])("accepts the size line %j", (line) => {
    const decoder = createBodyDecoder(CHUNKED_BODY);
    expect(expectData(decoder.decode(bytes(`${line}x\r\n0\r\n\r\n`))).done).toBe(true);
  });
});

// RequestParser: the API contract (offsets, consumed, incremental state, reset, limits) beyond the corpus.
import { describe, expect, it } from "vitest";
import { PARSE_ERROR_STATUS } from "../src/errors.js";
import {
  CHUNKED_BODY,
  MAX_BODY_BYTES,
  MAX_HEADER_BYTES,
  MAX_HEADER_COUNT,
  MAX_REQUEST_LINE_BYTES,
  NO_BODY,
  RequestParser,
} from "../src/parser.js";
import type { HeadLimits, HeadResult, RequestHead } from "../src/parser.js";

const bytes = (text: string): Buffer => Buffer.from(text, "latin1");

function expectHead(result: HeadResult): RequestHead {
  if (result.kind !== "head") throw new Error(`expected a head, got ${JSON.stringify(result)}`);
  return result.head;
}

function parseOne(text: string, limits: Partial<HeadLimits> = {}): HeadResult {
  return new RequestParser(limits).parseHead(bytes(text));
}

describe("RequestParser.parseHead", () => {
  it("returns the head and the bytes it consumed, leaving the body in the buffer", () => {
    const buffer = bytes("POST /a?b=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    const result = new RequestParser().parseHead(buffer);
    expect(result.kind).toBe("head");
    if (result.kind !== "head") return;
    expect(result.consumed).toBe(buffer.length - 5);
    expect(result.head).toEqual({
      method: "POST",
      target: "/a?b=1",
      targetForm: "origin",
      version: "1.1",
      protocol: "HTTP/1.1",
      rawHeaders: ["Host", "x", "Content-Length", "5"],
      keepAlive: true,
      expectContinue: false,
      body: { kind: "length", length: 5 },
      mustClose: false,
    });
  });

  it("counts consumed from the offset it was given", () => {
    const buffer = bytes("garbageGET / HTTP/1.1\r\nHost: x\r\n\r\nNEXT");
    const result = new RequestParser().parseHead(buffer, 7);
    expect(result.kind === "head" && result.consumed).toBe(buffer.length - 7 - 4);
  });

  it("parses pipelined heads from successive offsets with fresh rawHeaders arrays", () => {
    const buffer = bytes("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: b\r\n\r\n");
    const parser = new RequestParser();
    const first = parser.parseHead(buffer, 0);
    if (first.kind !== "head") throw new Error("first head expected");
    const second = expectHead(parser.parseHead(buffer, first.consumed));
    expect(first.head.target).toBe("/1");
    expect(second.target).toBe("/2");
    expect(second.rawHeaders).toEqual(["Host", "b"]);
    expect(second.rawHeaders).not.toBe(first.head.rawHeaders);
  });

  it("keeps a partial head across slices and never reads the caller's buffer afterwards", () => {
    const parser = new RequestParser();
    const first = bytes("GET /path HTTP/1.1\r\nHo");
    expect(parser.parseHead(first)).toEqual({ kind: "incomplete" });
    first.fill(0x21); // the connection may reuse or drop the buffer once parseHead returns
    const head = expectHead(parser.parseHead(bytes("st: example\r\n\r\n")));
    expect(head.target).toBe("/path");
    expect(head.rawHeaders).toEqual(["Host", "example"]);
  });

  it("joins a CR at the end of one slice with the LF at the start of the next", () => {
    const parser = new RequestParser();
    expect(parser.parseHead(bytes("GET / HTTP/1.1\r")).kind).toBe("incomplete");
    expect(parser.parseHead(bytes("\nHost: a\r")).kind).toBe("incomplete");
    expect(expectHead(parser.parseHead(bytes("\n\r\n"))).rawHeaders).toEqual(["Host", "a"]);
  });

  it("reports incomplete for an empty slice or an offset at the end", () => {
    const parser = new RequestParser();
    expect(parser.parseHead(Buffer.alloc(0))).toEqual({ kind: "incomplete" });
    expect(parser.parseHead(bytes("abc"), 3)).toEqual({ kind: "incomplete" });
    expect(parser.isIdle).toBe(true);
  });

  it("is idle only between requests", () => {
    const parser = new RequestParser();
    expect(parser.isIdle).toBe(true);
    parser.parseHead(bytes("\r\n"));
    expect(parser.isIdle).toBe(false);
    parser.parseHead(bytes("GET / HTTP/1.1\r\nHost: a\r\n"));
    expect(parser.isIdle).toBe(false);
    expect(parser.parseHead(bytes("\r\n")).kind).toBe("head");
    expect(parser.isIdle).toBe(true);
  });

  it("keeps returning the same error until reset(), then parses again", () => {
    const parser = new RequestParser();
    const error = parser.parseHead(bytes("GET / HTTP/1.1\nHost: a\r\n\r\n"));
    expect(error).toMatchObject({ kind: "error", code: "ERR_SOCKET_BAD_LINE_ENDING", status: 400 });
    expect(parser.parseHead(bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n"))).toBe(error);
    expect(parser.isIdle).toBe(false);
    parser.reset();
    expect(parser.isIdle).toBe(true);
    expect(expectHead(parser.parseHead(bytes("GET /again HTTP/1.1\r\nHost: a\r\n\r\n"))).target).toBe("/again");
  });

  it("gives errors as values with a fixed message and the status of their code", () => {
    const result = parseOne("GET / HTTP/3.0\r\nHost: a\r\n\r\n");
    if (result.kind !== "error") throw new Error("error expected");
    expect(result.status).toBe(PARSE_ERROR_STATUS[result.code]);
    expect(result.status).toBe(505);
    expect(typeof result.message).toBe("string");
    expect(result.message.length).toBeGreaterThan(0);
  });
});

describe("repeated names, values and targets", () => {
  it("gives the right strings whether or not they were seen before, including look-alikes of one length", () => {
    const parser = new RequestParser();
    // Same length, first, middle and last byte: these land in one cache slot and must still differ.
    const variants = ["a1xbz", "a2xcz", "a1xbz", "A1xBz", "a1xbz", "ä1xbz"];
    for (const value of variants) {
      const target = `/${value}`;
      const head = expectHead(parser.parseHead(bytes(`GET ${target} HTTP/1.1\r\nHost: h\r\nX-V: ${value}\r\nX-Empty:\r\n\r\n`)));
      expect(head.target).toBe(target);
      expect(head.rawHeaders).toEqual(["Host", "h", "X-V", value, "X-Empty", ""]);
    }
  });

  it("parses values and targets past the cached length, whole or split across slices", () => {
    const long = "x".repeat(300);
    const text = `GET /${long} HTTP/1.1\r\nHost: h\r\nX-Long: ${long}\r\n\r\n`;
    const whole = expectHead(new RequestParser().parseHead(bytes(text)));
    expect(whole.target).toBe(`/${long}`);
    expect(whole.rawHeaders).toEqual(["Host", "h", "X-Long", long]);
    const parser = new RequestParser();
    let result: HeadResult = { kind: "incomplete" };
    for (let start = 0; start < text.length; start += 70) result = parser.parseHead(bytes(text.slice(start, start + 70)));
    expect(expectHead(result)).toEqual(whole);
  });
});

describe("limits", () => {
  it("defaults to ServerLimits' defaults", () => {
    expect([MAX_REQUEST_LINE_BYTES, MAX_HEADER_COUNT, MAX_HEADER_BYTES, MAX_BODY_BYTES]).toEqual([8190, 100, 16384, 1024 ** 3]);
    const target = `/${"a".repeat(MAX_REQUEST_LINE_BYTES - "GET  HTTP/1.1".length - 1)}`;
    expect(parseOne(`GET ${target} HTTP/1.1\r\nHost: a\r\n\r\n`).kind).toBe("head");
    expect(parseOne(`GET ${target}a HTTP/1.1\r\nHost: a\r\n\r\n`)).toMatchObject({ status: 414 });
    const fields = Array.from({ length: MAX_HEADER_COUNT }, (_, index) => `X-${index}: v\r\n`).join("");
    expect(parseOne(`GET / HTTP/1.1\r\nHost: a\r\n${fields}\r\n`)).toMatchObject({ code: "ERR_SOCKET_TOO_MANY_HEADERS" });
  });

  it("takes a ServerLimits object as is (extra keys ignored)", () => {
    const serverLimits = { maxRequestLineBytes: 20, maxHeaderCount: 5, maxHeaderBytes: 100, maxBodyBytes: 4, maxConnections: 1 };
    expect(parseOne("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n", serverLimits)).toMatchObject({ status: 413 });
  });

  it("fails an endless request line before its LF arrives, without buffering past the limit", () => {
    const parser = new RequestParser({ maxRequestLineBytes: 64 });
    expect(parser.parseHead(bytes(`GET /${"a".repeat(40)}`)).kind).toBe("incomplete");
    expect(parser.parseHead(bytes("a".repeat(40)))).toMatchObject({ code: "ERR_SOCKET_REQUEST_LINE_TOO_LONG", status: 414 });
  });

  it("fails an endless header section before its empty line arrives", () => {
    const parser = new RequestParser({ maxHeaderBytes: 64 });
    expect(parser.parseHead(bytes("GET / HTTP/1.1\r\nHost: a\r\nX: ")).kind).toBe("incomplete");
    expect(parser.parseHead(bytes("b".repeat(100)))).toMatchObject({ code: "ERR_SOCKET_HEAD_TOO_LARGE", status: 431 });
  });

  it("counts empty lines before the request line toward the request-line limit", () => {
    expect(parseOne("\r\n".repeat(20), { maxRequestLineBytes: 32 })).toMatchObject({ status: 414 });
    expect(parseOne(`${"\r\n".repeat(3)}GET / HTTP/1.1\r\nHost: a\r\n\r\n`, { maxRequestLineBytes: 32 }).kind).toBe("head");
  });
});

describe("head fields", () => {
  it("shares the frozen framing constants for no body and chunked", () => {
    expect(expectHead(parseOne("GET / HTTP/1.1\r\nHost: a\r\n\r\n")).body).toBe(NO_BODY);
    expect(expectHead(parseOne("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")).body).toBe(CHUNKED_BODY);
    expect(Object.isFrozen(NO_BODY) && Object.isFrozen(CHUNKED_BODY)).toBe(true);
  });

  it.each([
    ["HTTP/1.1", "", true],
    ["HTTP/1.1", "Connection: close\r\n", false],
    ["HTTP/1.1", "Connection: keep-alive, close\r\n", false],
    ["HTTP/1.1", "Connection: upgrade\r\n", true],
    ["HTTP/1.0", "", false],
    ["HTTP/1.0", "Connection: keep-alive\r\n", true],
    ["HTTP/1.0", "Connection: keep-alive\r\nConnection: close\r\n", false],
  ])("%s with %j: keepAlive %s and mustClose its negation (RFC 9112 §9.3)", (protocol, field, keepAlive) => {
    const head = expectHead(parseOne(`GET / ${protocol}\r\nHost: a\r\n${field}\r\n`));
    expect(head.keepAlive).toBe(keepAlive);
    expect(head.mustClose).toBe(!keepAlive);
  });

  it.each([
    ["100-continue", true],
    ["100-CONTINUE", true],
    ["foo, 100-continue", true],
    ["200-ok", false],
  ])("Expect: %s gives expectContinue %s", (value, expected) => {
    expect(expectHead(parseOne(`PUT / HTTP/1.1\r\nHost: a\r\nExpect: ${value}\r\nContent-Length: 1\r\n\r\n`)).expectContinue).toBe(
      expected,
    );
  });

  it.each(["example.com", "example.com:8080", "example.com:", "127.0.0.1", "[::1]", "[::ffff:1.2.3.4]:443", "[v1.fe]", "a%41b", "x-y_z~!$&'()*+,;="])(
    "accepts Host %j (RFC 3986 §3.2.2)",
    (host) => {
      expect(parseOne(`GET / HTTP/1.1\r\nHost: ${host}\r\n\r\n`).kind).toBe("head");
    },
  );

  it.each(["exa mple", "[::1", "[]", "a:b", "a%4", "a%zz", "exa/mple", "user@host", "a\"b", "[::1]x"])("rejects Host %j", (host) => {
    expect(parseOne(`GET / HTTP/1.1\r\nHost: ${host}\r\n\r\n`)).toMatchObject({ code: "ERR_SOCKET_BAD_HOST", status: 400 });
  });

  it("also applies Host rules on HTTP/1.0, where Host is optional", () => {
    expect(parseOne("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n")).toMatchObject({ code: "ERR_SOCKET_BAD_HOST" });
    expect(expectHead(parseOne("GET / HTTP/1.0\r\nHost: a\r\n\r\n")).version).toBe("1.0");
  });

  it("ignores empty elements in a Transfer-Encoding list (RFC 9110 §5.6.1)", () => {
    expect(expectHead(parseOne("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: , chunked,\r\n\r\n")).body).toBe(CHUNKED_BODY);
  });

  it("rejects a transfer coding that is not a token", () => {
    expect(parseOne("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gz(ip)\r\n\r\n")).toMatchObject({
      code: "ERR_SOCKET_BAD_TRANSFER_ENCODING",
    });
  });

  it("checks a Content-Length list across lines, not only within one", () => {
    expect(parseOne("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\nContent-Length: 3\r\n\r\n")).toMatchObject({
      code: "ERR_SOCKET_BAD_CONTENT_LENGTH",
    });
  });

  it("accepts the largest safe Content-Length when the body limit allows it", () => {
    const head = expectHead(
      parseOne(`POST / HTTP/1.1\r\nHost: a\r\nContent-Length: ${Number.MAX_SAFE_INTEGER}\r\n\r\n`, { maxBodyBytes: Number.MAX_SAFE_INTEGER }),
    );
    expect(head.body).toEqual({ kind: "length", length: Number.MAX_SAFE_INTEGER });
  });

  it("keeps method case (methods are case-sensitive, RFC 9110 §9.1)", () => {
    expect(expectHead(parseOne("get / HTTP/1.1\r\nHost: a\r\n\r\n")).method).toBe("get");
  });
});

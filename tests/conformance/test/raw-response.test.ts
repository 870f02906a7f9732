import { describe, expect, it } from "vitest";
import { parseResponse } from "../src/raw-response.js";

const bytes = (text: string): Buffer => Buffer.from(text, "latin1");

describe("parseResponse", () => {
  it("reads a Content-Length response and says how many bytes it took", () => {
    const parsed = parseResponse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhelloHTTP/1.1"));
    expect(parsed?.consumed).toBe(59);
    expect(parsed?.response.status).toBe(200);
    expect(parsed?.response.reason).toBe("OK");
    expect(parsed?.response.framing).toBe("content-length");
    expect(parsed?.response.body.toString()).toBe("hello");
    expect(parsed?.response.header("X-A")).toBe("1, 2");
    expect(parsed?.response.complete).toBe(true);
  });

  it("waits for more bytes while a body is short, and marks it incomplete once the connection closed", () => {
    const text = bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhel");
    expect(parseResponse(text)).toBeUndefined();
    const closed = parseResponse(text, { closed: true });
    expect(closed?.response.complete).toBe(false);
    expect(closed?.response.body.toString()).toBe("hel");
  });

  it("de-chunks a chunked body with extensions and trailers", () => {
    const parsed = parseResponse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: 1\r\n\r\n"));
    expect(parsed?.response.framing).toBe("chunked");
    expect(parsed?.response.body.toString()).toBe("abcde");
    expect(parsed?.response.complete).toBe(true);
  });

  it("marks a chunked body without its last chunk incomplete when the connection closed", () => {
    const parsed = parseResponse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"), { closed: true });
    expect(parsed?.response.complete).toBe(false);
    expect(parsed?.response.body.toString()).toBe("abc");
  });

  it("gives HEAD, 1xx, 204 and 304 responses no body", () => {
    expect(parseResponse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), { head: true })?.response.framing).toBe("none");
    expect(parseResponse(bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"))?.consumed).toBe(25);
    expect(parseResponse(bytes("HTTP/1.1 304 Not Modified\r\nETag: \"a\"\r\n\r\n"))?.response.body.length).toBe(0);
  });

  it("ends a close-delimited body only when the connection closes", () => {
    const text = bytes("HTTP/1.0 200 OK\r\n\r\nall of it");
    expect(parseResponse(text)).toBeUndefined();
    expect(parseResponse(text, { closed: true })?.response.body.toString()).toBe("all of it");
  });

  it("throws on bytes that are not an HTTP/1.x response", () => {
    expect(() => parseResponse(bytes("SSH-2.0-x\r\n\r\n"))).toThrow(/status line/);
  });
});

import { createEnviron, createInputStream } from "@patchbay/gateway";
import type { Environ } from "@patchbay/gateway";
import { describe, expect, test } from "vitest";
import { hasBody, readBody, readBodyChunks } from "../src/read-body.js";
import { chunks } from "./harness.js";

function environWith(headers: string[], source: AsyncIterable<Uint8Array>, contentLength?: number): Environ {
  return createEnviron({
    method: "POST",
    target: "/",
    protocol: "HTTP/1.1",
    rawHeaders: headers,
    remoteAddress: "127.0.0.1",
    remotePort: 1,
    serverName: "localhost",
    serverPort: 80,
    input: createInputStream(source, contentLength === undefined ? {} : { contentLength }),
  });
}

describe("readBody", () => {
  test("reads a Content-Length body whole", async () => {
    const environ = environWith(["Content-Length", "11"], chunks("hello", " world"), 11);
    expect(Buffer.from(await readBody(environ, 100)).toString()).toBe("hello world");
  });

  test("reads a chunked body whole", async () => {
    const environ = environWith(["Transfer-Encoding", "chunked"], chunks("a", "b", "c"));
    expect(Buffer.from(await readBody(environ, 100)).toString()).toBe("abc");
  });

  test("a request without a body reads as empty without touching the input", async () => {
    let pulled = false;
    const source = {
      async *[Symbol.asyncIterator]() {
        pulled = true;
        yield new Uint8Array(1);
      },
    };
    expect((await readBody(environWith([], source), 100)).length).toBe(0);
    expect(pulled).toBe(false);
  });

  test("a declared length over the limit is a 413 before anything is read", async () => {
    let pulled = false;
    const source = {
      async *[Symbol.asyncIterator]() {
        pulled = true;
        yield new Uint8Array(200);
      },
    };
    await expect(readBody(environWith(["Content-Length", "200"], source, 200), 100)).rejects.toMatchObject({ code: "ERR_ROUTE_BODY_TOO_LARGE", status: 413 });
    expect(pulled).toBe(false);
  });

  test("a chunked body is cut off with a 413 as soon as it passes the limit", async () => {
    let yielded = 0;
    async function* endless() {
      for (let index = 0; index < 1000; index++) {
        yielded++;
        yield new Uint8Array(40);
      }
    }
    await expect(readBody(environWith(["Transfer-Encoding", "chunked"], endless()), 100)).rejects.toMatchObject({ status: 413 });
    expect(yielded).toBe(3);
  });

  test("a body exactly at the limit is accepted", async () => {
    const environ = environWith(["Content-Length", "4"], chunks("abcd"), 4);
    expect((await readBody(environ, 4)).length).toBe(4);
  });
});

describe("readBodyChunks and hasBody", () => {
  test("yields chunks as they arrive", async () => {
    const seen: string[] = [];
    for await (const chunk of readBodyChunks(environWith(["Transfer-Encoding", "chunked"], chunks("x", "y")), 10)) seen.push(Buffer.from(chunk).toString());
    expect(seen).toEqual(["x", "y"]);
  });

  test("hasBody: a non-zero Content-Length or a Transfer-Encoding", () => {
    expect(hasBody(environWith(["Content-Length", "0"], chunks(), 0))).toBe(false);
    expect(hasBody(environWith([], chunks()))).toBe(false);
    expect(hasBody(environWith(["Content-Length", "3"], chunks("abc"), 3))).toBe(true);
    expect(hasBody(environWith(["Transfer-Encoding", "chunked"], chunks()))).toBe(true);
  });
});

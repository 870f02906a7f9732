import { expect, test } from "vitest";
import { createInputStream } from "@patchbay/gateway";
import { HTTPBadRequest, HTTPPayloadTooLarge } from "../src/http-errors.js";
import { readBody } from "../src/read-body.js";
import { chunks, environFor } from "./harness.js";


test("reads a Content-Length body and a chunked body whole", async () => {
  expect(Buffer.from(await readBody(await environFor({ method: "POST", body: "12345" }), 5)).toString()).toBe("12345");
  expect(Buffer.from(await readBody(await environFor({ method: "POST", body: chunks("12", "34", "5") }), 5)).toString()).toBe("12345");
});

test("an empty or absent body is empty", async () => {
  expect((await readBody(await environFor({}), 5)).length).toBe(0);
  expect((await readBody(await environFor({ method: "POST", body: "" }), 5)).length).toBe(0);
});

test("a declared length over the limit fails before reading anything", async () => {
  const environ = await environFor({ method: "POST", body: "123456" });
  let reads = 0;
  const input = environ["gateway.input"];
  environ["gateway.input"] = Object.assign(Object.create(input) as typeof input, {
    [Symbol.asyncIterator]() {
      reads += 1;
      return input[Symbol.asyncIterator]();
    },
  });
  await expect(readBody(environ, 5)).rejects.toThrow(HTTPPayloadTooLarge);
  expect(reads).toBe(0);
});

test("a chunked body fails as soon as it passes the limit, without reading the rest", async () => {
  let produced = 0;
  async function* endless(): AsyncGenerator<Uint8Array> {
    for (;;) {
      produced += 1;
      yield new Uint8Array(4);
    }
  }
  const environ = await environFor({ method: "POST", body: "x" });
  environ["gateway.input"] = createInputStream(endless());
  delete environ.CONTENT_LENGTH;
  await expect(readBody(environ, 10)).rejects.toThrow(/larger than the limit of 10 bytes/);
  expect(produced).toBe(3);
});

test("a body that ends before its Content-Length is a 400", async () => {
  const environ = await environFor({ method: "POST", headers: { "Content-Length": "10" }, body: "short" });
  environ["gateway.input"] = createInputStream(chunks("short"), { contentLength: 10 });
  await expect(readBody(environ, 100)).rejects.toBeInstanceOf(HTTPBadRequest);
});

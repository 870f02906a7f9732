// Tests for body-parser.ts: JSON, form and text bodies, and 400/413/415 for bad input.
import { createInputStream } from "@patchbay/gateway";
import { describe, expect, test } from "vitest";
import { bodyParser, BODY_LIMIT_BYTES } from "../src/body-parser.js";
import type { ChainApp } from "../src/app.js";
import { appWith, send } from "./harness.js";

function parsingApp(options?: Parameters<typeof bodyParser>[0]): ChainApp {
  return appWith(bodyParser(options), (ctx) => {
    ctx.body = { body: ctx.request.body ?? null, kind: typeof ctx.request.body };
  });
}

function post(body: string | Uint8Array | AsyncIterable<Uint8Array>, contentType?: string, extraHeaders: Record<string, string> = {}) {
  return { method: "POST", body, headers: { ...(contentType === undefined ? {} : { "Content-Type": contentType }), ...extraHeaders } };
}

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe("bodyParser: the three kinds", () => {
  const app = parsingApp();

  test("JSON (application/json and application/*+json)", async () => {
    expect(JSON.parse((await send(app, post('{"a":[1,2]}', "application/json"))).text)).toEqual({ body: { a: [1, 2] }, kind: "object" });
    expect(JSON.parse((await send(app, post('"just a string"', "application/ld+json; charset=utf-8"))).text)).toEqual({ body: "just a string", kind: "string" });
  });

  test("urlencoded form fields, repeated names as arrays", async () => {
    const response = await send(app, post("message=hi+there&tag=a&tag=b&empty=", "application/x-www-form-urlencoded"));
    expect(JSON.parse(response.text).body).toEqual({ message: "hi there", tag: ["a", "b"], empty: "" });
  });

  test("text/plain, in UTF-8 or a declared charset", async () => {
    expect(JSON.parse((await send(app, post("héllo", "text/plain"))).text).body).toBe("héllo");
    const latin1 = Buffer.from("caf\xe9", "latin1");
    expect(JSON.parse((await send(app, post(latin1, "text/plain; charset=iso-8859-1"))).text).body).toBe("café");
  });

  test("a chunked body (no Content-Length) is read too", async () => {
    const response = await send(app, post(chunks('{"parts":', "2}"), "application/json"));
    expect(JSON.parse(response.text).body).toEqual({ parts: 2 });
  });

  test("a request without a body passes through untouched", async () => {
    expect(JSON.parse((await send(app, { method: "GET" })).text)).toEqual({ body: null, kind: "undefined" });
    expect(JSON.parse((await send(app, post("", "application/json"))).text)).toEqual({ body: null, kind: "undefined" });
  });

  test("a JSON body of only whitespace leaves the body undefined", async () => {
    expect(JSON.parse((await send(app, post("  \n", "application/json"))).text)).toEqual({ body: null, kind: "undefined" });
  });

  test("the raw stream is still there for a route that reads it itself", async () => {
    const raw = appWith(bodyParser({ otherMediaTypes: "ignore" }), async (ctx) => {
      const bytes = await ctx.request.stream.read();
      ctx.body = `${ctx.request.type}:${bytes.length}`;
    });
    expect((await send(raw, post(new Uint8Array(5), "application/octet-stream"))).text).toBe("application/octet-stream:5");
  });
});

describe("bodyParser: bad input gets the right 4xx, never a 500", () => {
  const app = parsingApp();

  test("malformed JSON: 400 with a clear message", async () => {
    const response = await send(app, post('{"a": ', "application/json"));
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/^malformed JSON in request body: /);
    expect(response.errorLog).toEqual([]);
  });

  test("invalid UTF-8: 400", async () => {
    const response = await send(app, post(new Uint8Array([0x7b, 0xff, 0x7d]), "application/json"));
    expect(response.status).toBe(400);
    expect(response.text).toBe("request body is not valid utf-8");
  });

  test("an unsupported media type: 415", async () => {
    const response = await send(app, post("<a/>", "application/xml"));
    expect(response.status).toBe(415);
    expect(response.text).toBe("request body with Content-Type application/xml is not accepted here (accepted: json, form, text)");
  });

  test("a body without Content-Type: 415", async () => {
    const response = await send(app, post("data"));
    expect(response.status).toBe(415);
    expect(response.text).toContain("no Content-Type");
  });

  test("a kind not enabled: 415", async () => {
    const response = await send(parsingApp({ kinds: ["json"] }), post("a=1", "application/x-www-form-urlencoded"));
    expect(response.status).toBe(415);
  });

  test("JSON in another charset: 415 (RFC 8259 §8.1); an unknown charset for text: 415", async () => {
    expect((await send(app, post("{}", "application/json; charset=utf-16"))).status).toBe(415);
    expect((await send(app, post("x", "text/plain; charset=klingon"))).status).toBe(415);
  });

  test("a declared Content-Length over the limit: 413 before reading", async () => {
    let pulled = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      pulled = true;
      yield new Uint8Array(20);
    }
    const response = await send(parsingApp({ limitBytes: 10 }), post(body(), "application/json", { "Content-Length": "20" }));
    expect(response.status).toBe(413);
    expect(response.text).toBe("request body is larger than the limit of 10 bytes");
    expect(pulled).toBe(false);
  });

  test("a chunked body growing over the limit: 413 as soon as it does", async () => {
    let pulledAfterLimit = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("123456");
      yield Buffer.from("789012");
      pulledAfterLimit = true;
      yield Buffer.from("never read");
    }
    const response = await send(parsingApp({ limitBytes: 10 }), post(body(), "text/plain"));
    expect(response.status).toBe(413);
    expect(pulledAfterLimit).toBe(false);
  });

  test("the default limit is 1 MiB", async () => {
    expect(BODY_LIMIT_BYTES).toBe(1_048_576);
    const justOver = "x".repeat(BODY_LIMIT_BYTES + 1);
    expect((await send(app, post(justOver, "text/plain"))).status).toBe(413);
    const atLimit = "x".repeat(BODY_LIMIT_BYTES);
    expect((await send(app, post(atLimit, "text/plain"))).status).toBe(200);
  });

  test("a body shorter than its Content-Length (client gave up): 400, not 500", async () => {
    // The server's input stream enforces Content-Length and fails with the gateway's 400 error.
    const response = await send(app, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": "10" },
      environ: { "gateway.input": createInputStream(chunks("{}"), { contentLength: 10 }) },
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain("short of its Content-Length");
  });
});

describe("bodyParser options", () => {
  test("invalid options fail when the middleware is created", () => {
    expect(() => bodyParser({ kinds: ["xml" as "json"] })).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
    expect(() => bodyParser({ limitBytes: -1 })).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
    expect(() => bodyParser({ otherMediaTypes: "maybe" as "reject" })).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_OPTION" }));
  });
});

// Tests for respond.ts: what each kind of ctx.body becomes, and streamed bodies.
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { appWith, send, trackedStream } from "./harness.js";

describe("respond: body kinds and their defaults", () => {
  test("a string is text/plain, or text/html when it starts with <", async () => {
    const text = await send(appWith((ctx) => {
      ctx.body = "plain words";
    }));
    expect(text.header("content-type")).toBe("text/plain; charset=utf-8");
    expect(text.header("content-length")).toBe("11");
    const html = await send(appWith((ctx) => {
      ctx.body = "  <p>hi</p>";
    }));
    expect(html.header("content-type")).toBe("text/html; charset=utf-8");
  });

  test("the html default looks past any leading whitespace, Unicode spaces included", async () => {
    const cases: [string, string][] = [
      ["<p>", "text/html"],
      ["\n\t <p>", "text/html"],
      ["\u00a0\u3000<p>", "text/html"],
      ["", "text/plain"],
      ["a <b>", "text/plain"],
      ["é<b>", "text/plain"],
      ["\u00a0a<b>", "text/plain"],
    ];
    for (const [body, type] of cases) {
      const response = await send(appWith((ctx) => {
        ctx.body = body;
      }));
      expect([body, response.header("content-type")]).toEqual([body, `${type}; charset=utf-8`]);
    }
  });

  test("a string is sent as UTF-8 with its byte length", async () => {
    const response = await send(appWith((ctx) => {
      ctx.body = "héllo €";
    }));
    expect(response.text).toBe("héllo €");
    expect(response.header("content-length")).toBe(String(Buffer.byteLength("héllo €")));
  });

  test("bytes are application/octet-stream", async () => {
    const response = await send(appWith((ctx) => {
      ctx.body = new Uint8Array([1, 2, 3]);
    }));
    expect(response.header("content-type")).toBe("application/octet-stream");
    expect([...response.body]).toEqual([1, 2, 3]);
  });

  test("objects, arrays, numbers and booleans are JSON", async () => {
    for (const value of [{ a: 1 }, [1, "two"], 42, false]) {
      const response = await send(appWith((ctx) => {
        ctx.body = value;
      }));
      expect(response.header("content-type")).toBe("application/json; charset=utf-8");
      expect(JSON.parse(response.text)).toEqual(value);
    }
  });

  test("an explicit type wins over the default", async () => {
    const response = await send(appWith((ctx) => {
      ctx.type = "application/vnd.api+json";
      ctx.body = { data: [] };
    }));
    expect(response.header("content-type")).toBe("application/vnd.api+json; charset=utf-8");
  });

  test("null answers 204 with no content and no Content-Type", async () => {
    const response = await send(appWith((ctx) => {
      ctx.type = "json";
      ctx.body = null;
    }));
    expect(response.status).toBe(204);
    expect(response.body.length).toBe(0);
    expect(response.header("content-type")).toBeUndefined();
  });

  test("null with an explicit status answers that status with an empty body", async () => {
    const response = await send(appWith((ctx) => {
      ctx.status = 201;
      ctx.body = null;
    }));
    expect(response.status).toBe(201);
    expect(response.header("content-length")).toBe("0");
  });

  test("a status without a body answers with its reason phrase", async () => {
    const response = await send(appWith((ctx) => {
      ctx.status = 202;
    }));
    expect(response.status).toBe(202);
    expect(response.text).toBe("Accepted");
  });

  test("204 and 304 never carry a body, even if one was set", async () => {
    for (const status of [204, 304]) {
      const response = await send(appWith((ctx) => {
        ctx.status = status;
        ctx.set("ETag", '"v1"');
        ctx.body = "ignored";
      }));
      expect(response.status).toBe(status);
      expect(response.body.length).toBe(0);
      expect(response.header("etag")).toBe('"v1"');
      expect(response.header("content-type")).toBeUndefined();
    }
  });

  test("an explicit status is kept when a body is set later", async () => {
    const response = await send(appWith((ctx) => {
      ctx.status = 201;
      ctx.body = { created: true };
    }));
    expect(response.status).toBe(201);
  });
});

describe("respond: streaming bodies", () => {
  test("an async iterable streams chunked, in order, and is finished", async () => {
    const stream = trackedStream(["one ", new TextEncoder().encode("two "), "three"]);
    const response = await send(appWith((ctx) => {
      ctx.type = "text";
      ctx.body = stream;
    }));
    expect(response.status).toBe(200);
    expect(response.text).toBe("one two three");
    expect(response.header("transfer-encoding")).toBe("chunked");
    expect(response.header("content-type")).toBe("text/plain; charset=utf-8");
    expect(stream.finished).toBe(true);
  });

  test("a stream defaults to application/octet-stream; a set Content-Length is kept", async () => {
    const response = await send(appWith((ctx) => {
      ctx.set("Content-Length", 4);
      ctx.body = trackedStream(["ab", "cd"]);
    }));
    expect(response.header("content-type")).toBe("application/octet-stream");
    expect(response.header("content-length")).toBe("4");
    expect(response.header("transfer-encoding")).toBeUndefined();
    expect(response.text).toBe("abcd");
  });

  test("a node Readable streams", async () => {
    const response = await send(appWith((ctx) => {
      ctx.body = Readable.from([Buffer.from("from "), Buffer.from("node")]);
    }));
    expect(response.text).toBe("from node");
  });

  test("HEAD stops the stream after the head", async () => {
    const stream = trackedStream(["a", "b", "c"]);
    const response = await send(appWith((ctx) => {
      ctx.body = stream;
    }), { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.body.length).toBe(0);
    expect(stream.finished).toBe(false);
    expect(stream.stopped).toBe(true);
  });

  test("a streamed response over HTTP/1.0 is delimited by closing the connection", async () => {
    const response = await send(appWith((ctx) => {
      ctx.body = trackedStream(["x", "y"]);
    }), { protocol: "HTTP/1.0" });
    expect(response.text).toBe("xy");
    expect(response.header("transfer-encoding")).toBeUndefined();
  });
});

import { describe, expect, test } from "vitest";
import { callApp } from "../../src/call-app.js";
import { createEnviron } from "../../src/environ.js";
import { fromFetchHandler } from "../../src/fetch-bridge/from-fetch-handler.js";
import { createEmptyInputStream } from "../../src/input-stream.js";
import type { ResponseHead, ResponseSink } from "../../src/response-sink.js";
import { runApplication } from "../../src/response-writer.js";
import type { Body, Chunk, HeaderList } from "../../src/types.js";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A sink that records what the writer sent and lets a test play a client that goes away after `leaveAfterWrites` writes. */
class RecordingSink implements ResponseSink {
  head: ResponseHead | undefined;
  readonly writes: string[] = [];
  ended = false;
  clientGone = false;
  readonly #leaveAfterWrites: number;
  readonly #onWrite: (text: string) => void;

  constructor(options: { leaveAfterWrites?: number; onWrite?: (text: string) => void } = {}) {
    this.#leaveAfterWrites = options.leaveAfterWrites ?? Number.POSITIVE_INFINITY;
    this.#onWrite = options.onWrite ?? (() => undefined);
  }

  sendHead(head: ResponseHead): void {
    this.head = head;
  }

  write(chunk: Uint8Array): boolean {
    const text = decoder.decode(chunk);
    this.writes.push(text);
    this.#onWrite(text);
    if (this.writes.length >= this.#leaveAfterWrites) this.clientGone = true;
    return true;
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }

  end(): void {
    this.ended = true;
  }

  abort(): void {}
}

function environ(method = "GET", target = "/") {
  return createEnviron({ method, target, protocol: "HTTP/1.1", rawHeaders: ["Host", "localhost"], remoteAddress: "127.0.0.1", remotePort: 1, serverName: "localhost", serverPort: 80, input: createEmptyInputStream() });
}

const run = (handler: (request: Request) => Response | Promise<Response>, sink: ResponseSink, method = "GET") =>
  runApplication(fromFetchHandler(handler), environ(method), sink, { method, protocol: "HTTP/1.1", keepAlive: true });

describe("request", () => {
  test("the handler gets the URL, method, headers and body of the request", async () => {
    let seen: { url: string; method: string; trace: string | null; body: string } | undefined;
    const app = fromFetchHandler(async (request) => {
      seen = { url: request.url, method: request.method, trace: request.headers.get("x-trace"), body: await request.text() };
      return new Response("done");
    });
    const result = await callApp(app, { method: "POST", url: "/items?id=3", headers: { "X-Trace": "t9", Host: "api.test" }, body: "payload" });
    expect(result.text).toBe("done");
    expect(seen).toEqual({ url: "http://api.test/items?id=3", method: "POST", trace: "t9", body: "payload" });
  });

  test("the request body is streamed: the handler reads the first chunk before the client has sent the last", async () => {
    const last = gate();
    let sentLast = false;
    async function* upload(): AsyncGenerator<Uint8Array> {
      yield encoder.encode("first;");
      await last.promise;
      sentLast = true;
      yield encoder.encode("last");
    }
    let sentLastWhenFirstRead: boolean | undefined;
    const app = fromFetchHandler(async (request) => {
      const reader = (request.body as ReadableStream<Uint8Array>).getReader();
      const first = decoder.decode((await reader.read()).value);
      sentLastWhenFirstRead = sentLast;
      last.open();
      const second = decoder.decode((await reader.read()).value);
      return new Response(`${first}${second}`);
    });
    const result = await callApp(app, { method: "POST", body: upload() });
    expect(result.text).toBe("first;last");
    expect(sentLastWhenFirstRead).toBe(false);
  });

  test("gateway.disconnect aborts the Request's signal", async () => {
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    const app = fromFetchHandler((request) => {
      signal = request.signal;
      return new Response("ok");
    });
    await callApp(app, { environ: { "gateway.disconnect": controller.signal } });
    expect(signal?.aborted).toBe(false);
    controller.abort();
    expect(signal?.aborted).toBe(true);
  });

  test("stripScriptName hands the handler the path below the mount point", async () => {
    let url = "";
    const app = fromFetchHandler(
      (request) => {
        url = request.url;
        return new Response(null, { status: 204 });
      },
      { stripScriptName: true },
    );
    await callApp(app, { url: "/api/users", scriptName: "/api" });
    expect(url).toBe("http://localhost/users");
  });
});

describe("response", () => {
  test("status and reason: the Response's statusText, else the standard reason phrase", async () => {
    const custom = await callApp(fromFetchHandler(() => new Response("x", { status: 202, statusText: "Queued Up" })));
    expect([custom.status, custom.reason]).toEqual([202, "Queued Up"]);
    const standard = await callApp(fromFetchHandler(() => new Response("x", { status: 418 })));
    expect([standard.status, standard.reason]).toEqual([418, "I'm a Teapot"]);
  });

  test("header fields pass through; hop-by-hop ones are dropped; each Set-Cookie stays its own field", async () => {
    const headers = new Headers([["Content-Type", "text/plain"], ["X-One", "1"], ["Connection", "close"], ["Transfer-Encoding", "chunked"], ["Keep-Alive", "timeout=5"]]);
    headers.append("Set-Cookie", "a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT");
    headers.append("Set-Cookie", "b=2");
    const result = await callApp(fromFetchHandler(() => new Response("body", { headers })));
    const cookies = result.headers.filter(([name]) => name.toLowerCase() === "set-cookie").map(([, value]) => value);
    expect(cookies).toEqual(["a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT", "b=2"]);
    expect(result.header("x-one")).toBe("1");
    expect(result.header("content-type")).toBe("text/plain");
    expect(result.header("keep-alive")).toBeUndefined();
    expect(result.header("connection")).toBeUndefined();
    expect(result.text).toBe("body");
  });

  test("a synchronous handler's body comes back synchronously", () => {
    const app = fromFetchHandler(() => new Response(null, { status: 204 }));
    let started: [string, HeaderList] | undefined;
    const body = app(environ(), (status, headers) => {
      started = [status, headers];
      return () => undefined;
    });
    expect(body).toEqual([]);
    expect(started?.[0]).toBe("204 No Content");
  });

  test("the Response body streams: the first chunk reaches the sink before the handler produced the last", async () => {
    const last = gate();
    let producedLast = false;
    let producedLastAtFirstWrite: boolean | undefined;
    const stream = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (producedLastAtFirstWrite === undefined && !producedLast) {
            controller.enqueue(encoder.encode("first;"));
            return;
          }
          await last.promise;
          producedLast = true;
          controller.enqueue(encoder.encode("last"));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const sink = new RecordingSink({
      onWrite: () => {
        if (producedLastAtFirstWrite !== undefined) return;
        producedLastAtFirstWrite = producedLast;
        last.open();
      },
    });
    const outcome = await run(() => new Response(stream), sink);
    expect(producedLastAtFirstWrite).toBe(false);
    expect(sink.writes).toEqual(["first;", "last"]);
    expect(sink.head?.framing).toBe("chunked");
    expect(outcome.aborted).toBe(false);
  });

  test("a client going away closes the body, which cancels the handler's stream", async () => {
    let pulls = 0;
    const cancelled = gate();
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls += 1;
          if (pulls > 1000) controller.close();
          else controller.enqueue(encoder.encode(`chunk ${pulls}\n`));
        },
        cancel() {
          cancelled.open();
        },
      },
      { highWaterMark: 0 },
    );
    const sink = new RecordingSink({ leaveAfterWrites: 2 });
    const outcome = await run(() => new Response(stream), sink);
    await cancelled.promise;
    expect(outcome.aborted).toBe(true);
    expect(sink.writes).toEqual(["chunk 1\n", "chunk 2\n"]);
    expect(pulls).toBeLessThan(5);
  });

  test("gateway.disconnect cancels a stream whose producer is idle, and the response ends aborted, not complete", async () => {
    const cancelled = gate();
    const idleAfterFirst = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          controller.enqueue(encoder.encode("first"));
        },
        pull: () => new Promise<void>(() => undefined),
        cancel() {
          cancelled.open();
        },
      },
      { highWaterMark: 0 },
    );
    const disconnect = new AbortController();
    const sink = new RecordingSink({ onWrite: () => disconnect.abort() });
    const errors: unknown[] = [];
    const request = environ();
    request["gateway.disconnect"] = disconnect.signal;
    const outcome = await runApplication(fromFetchHandler(() => new Response(idleAfterFirst)), request, sink, { method: "GET", protocol: "HTTP/1.1", keepAlive: true, onError: (_message, error) => errors.push(error) });
    await cancelled.promise;
    expect(sink.writes).toEqual(["first"]);
    expect(sink.ended).toBe(false);
    expect(outcome.aborted).toBe(true);
    expect(errors[0]).toMatchObject({ code: "ERR_FETCH_BRIDGE_DISCONNECTED" });
  });

  test("a HEAD request gets the head only, and the handler's stream is cancelled", async () => {
    const cancelled = gate();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode("never on the wire"));
      },
      cancel() {
        cancelled.open();
      },
    });
    const sink = new RecordingSink();
    await run(() => new Response(stream, { headers: { "Content-Length": "17" } }), sink, "HEAD");
    await cancelled.promise;
    expect(sink.head?.status).toBe(200);
    expect(sink.writes).toEqual([]);
  });
});

describe("errors", () => {
  test("a handler that returns something other than a Response is a 500 with ERR_FETCH_BRIDGE_INVALID_RESPONSE", async () => {
    const result = await callApp(fromFetchHandler((() => ({ not: "a response" })) as unknown as (request: Request) => Response));
    expect(result.status).toBe(500);
    expect(result.errors[0]).toMatchObject({ code: "ERR_FETCH_BRIDGE_INVALID_RESPONSE", status: 500 });
  });

  test("a handler that throws or rejects is a 500", async () => {
    const thrown = await callApp(
      fromFetchHandler(() => {
        throw new Error("sync failure");
      }),
    );
    expect(thrown.status).toBe(500);
    expect((thrown.errors[0] as Error).message).toBe("sync failure");
    const rejected = await callApp(fromFetchHandler(() => Promise.reject(new Error("async failure"))));
    expect(rejected.status).toBe(500);
    expect((rejected.errors[0] as Error).message).toBe("async failure");
  });

  test("a Response whose header fields the writer refuses is a 500, and its stream is cancelled", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const result = await callApp(fromFetchHandler(() => new Response(stream, { headers: { "Content-Length": "twelve" } })));
    expect(result.status).toBe(500);
    expect(result.errors[0]).toMatchObject({ code: "ERR_GATEWAY_INVALID_HEADER" });
    expect(cancelled).toBe(true);
  });

  test("a Response whose body was already read is a 500 with ERR_FETCH_BRIDGE_BODY_USED", async () => {
    const result = await callApp(
      fromFetchHandler(async () => {
        const response = new Response("consumed");
        await response.text();
        return response;
      }),
    );
    expect(result.status).toBe(500);
    expect(result.errors[0]).toMatchObject({ code: "ERR_FETCH_BRIDGE_BODY_USED" });
  });

  test("a stream that fails after the head aborts the response", async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(encoder.encode("partial"));
        else controller.error(new Error("upstream broke"));
      },
    });
    const result = await callApp(fromFetchHandler(() => new Response(stream)));
    expect(result.status).toBe(200);
    expect(result.aborted).toBe(true);
    expect(result.text).toBe("partial");
    expect((result.errors[0] as Error).message).toBe("upstream broke");
  });

  test("a text Response reaches the writer as its UTF-8 bytes", async () => {
    const body: Body = fromFetchHandler(() => new Response("é ü"))(environ(), () => () => undefined) as Body;
    const parts: Chunk[] = [];
    for await (const chunk of body as AsyncIterable<Chunk>) parts.push(chunk);
    expect(decoder.decode(Buffer.concat(parts.map((part) => (typeof part === "string" ? encoder.encode(part) : part))))).toBe("é ü");
  });
});

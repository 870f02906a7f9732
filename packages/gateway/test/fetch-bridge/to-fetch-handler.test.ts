import { describe, expect, test } from "vitest";
import { toFetchHandler } from "../../src/fetch-bridge/to-fetch-handler.js";
import type { Application, Body, Chunk, Environ } from "../../src/types.js";

const decoder = new TextDecoder();
const text = (chunk: Uint8Array | undefined) => decoder.decode(chunk);

/** A promise with its resolve function, to hold a producer at a known point. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A body that produces `count` chunks from `produce`, records how many it made and when it was closed. */
function countingBody(count: number, produce: (index: number) => Promise<Chunk> | Chunk) {
  const state = { produced: 0, closes: 0 };
  const closed = gate();
  const body: Body = {
    async *[Symbol.asyncIterator]() {
      for (let index = 0; index < count; index++) {
        const chunk = await produce(index);
        state.produced += 1;
        yield chunk;
      }
    },
    close() {
      state.closes += 1;
      closed.open();
    },
  };
  return { body, state, closed: closed.promise };
}

const errorsIgnored = { onError: () => undefined };

describe("request → environ", () => {
  test("the application sees the Request's method, path, query, headers, body and remote address", async () => {
    let seen: Environ | undefined;
    let received = "";
    const handler = toFetchHandler(
      async (environ, startResponse) => {
        seen = environ;
        received = text(await environ["gateway.input"].read());
        startResponse("200 OK", [["Content-Type", "text/plain"]]);
        return ["ok"];
      },
      { remoteAddress: "192.0.2.1" },
    );
    const response = await handler(new Request("https://api.example:8443/items/a%2Fb?page=2", { method: "POST", body: "payload", headers: { "X-Trace": "t1", "Content-Type": "application/octet-stream" } }));
    expect(await response.text()).toBe("ok");
    expect(seen).toMatchObject({
      REQUEST_METHOD: "POST",
      PATH_INFO: "/items/a/b",
      QUERY_STRING: "page=2",
      HTTP_X_TRACE: "t1",
      HTTP_HOST: "api.example:8443",
      CONTENT_TYPE: "application/octet-stream",
      SERVER_NAME: "api.example",
      SERVER_PORT: "8443",
      REMOTE_ADDR: "192.0.2.1",
      "gateway.url_scheme": "https",
    });
    expect(received).toBe("payload");
  });

  test("a request path that is not valid percent-encoded UTF-8 answers 400 without running the app", async () => {
    let ran = false;
    const handler = toFetchHandler(() => {
      ran = true;
      return [];
    });
    const response = await handler(new Request("http://localhost/%C3%28"));
    expect(response.status).toBe(400);
    expect(ran).toBe(false);
  });

  test("the request body is not buffered: the app reads the first chunk before the client has sent the last", async () => {
    const last = gate();
    let sentLast = false;
    const encoder = new TextEncoder();
    let step = 0;
    const requestBody = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          step += 1;
          if (step === 1) controller.enqueue(encoder.encode("first;"));
          else if (step === 2) {
            await last.promise;
            sentLast = true;
            controller.enqueue(encoder.encode("last"));
          } else controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    let sentLastWhenFirstRead: boolean | undefined;
    const handler = toFetchHandler(async (environ, startResponse) => {
      const input = environ["gateway.input"];
      const first = (await input[Symbol.asyncIterator]().next()).value as Uint8Array;
      sentLastWhenFirstRead = sentLast;
      last.open();
      const rest = await input.read();
      startResponse("200 OK", []);
      return [first, rest];
    });
    const response = await handler(new Request("http://localhost/upload", { method: "POST", body: requestBody, duplex: "half" }));
    expect(await response.text()).toBe("first;last");
    expect(sentLastWhenFirstRead).toBe(false);
  });
});

describe("head → Response", () => {
  test("status, reason and headers arrive; each Set-Cookie stays its own field; Transfer-Encoding is not copied", async () => {
    const handler = toFetchHandler((_environ, startResponse) => {
      startResponse("201 Made It", [["Content-Type", "text/plain"], ["Set-Cookie", "a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT"], ["Set-Cookie", "b=2; Path=/"]]);
      return (async function* () {
        yield "streamed";
      })();
    });
    const response = await handler(new Request("http://localhost/"));
    expect(response.status).toBe(201);
    expect(response.statusText).toBe("Made It");
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT", "b=2; Path=/"]);
    expect(response.headers.get("transfer-encoding")).toBeNull();
    expect(response.headers.get("connection")).toBeNull();
    expect(response.headers.get("date")).not.toBeNull();
    // The host runtime owns the Server header unless asked otherwise.
    expect(response.headers.get("server")).toBeNull();
    expect(await response.text()).toBe("streamed");
  });

  test("a known-length body keeps its Content-Length; serverHeader adds a Server header", async () => {
    const handler = toFetchHandler(
      (_environ, startResponse) => {
        startResponse("200 OK", []);
        return ["abc", "de"];
      },
      { serverHeader: "patchbay-test" },
    );
    const response = await handler(new Request("http://localhost/"));
    expect(response.headers.get("content-length")).toBe("5");
    expect(response.headers.get("server")).toBe("patchbay-test");
    expect(await response.text()).toBe("abcde");
  });

  test("204 and HEAD responses have a null body; HEAD keeps the GET's Content-Length", async () => {
    const app: Application = (environ, startResponse) => {
      startResponse(environ.PATH_INFO === "/empty" ? "204 No Content" : "200 OK", [["Content-Length", "5"]]);
      return environ.PATH_INFO === "/empty" ? [] : ["hello"];
    };
    const handler = toFetchHandler(app);
    const empty = await handler(new Request("http://localhost/empty"));
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const head = await handler(new Request("http://localhost/", { method: "HEAD" }));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers.get("content-length")).toBe("5");
  });

  test("the legacy write() callable streams too", async () => {
    const handler = toFetchHandler((_environ, startResponse) => {
      const write = startResponse("200 OK", []);
      write("via ");
      write("write");
      return [];
    });
    expect(await (await handler(new Request("http://localhost/"))).text()).toBe("via write");
  });
});

describe("streaming", () => {
  test("the Response resolves with the head, and the first chunk is readable before the app produced the last", async () => {
    const last = gate();
    const { body, state } = countingBody(2, async (index) => {
      if (index === 1) await last.promise;
      return index === 0 ? "first;" : "last";
    });
    const handler = toFetchHandler((_environ, startResponse) => {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return body;
    });
    const response = await handler(new Request("http://localhost/"));
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(text(first.value)).toBe("first;");
    expect(state.produced).toBe(1);
    last.open();
    const second = await reader.read();
    expect(text(second.value)).toBe("last");
    expect((await reader.read()).done).toBe(true);
    expect(state.closes).toBe(1);
  });

  test("backpressure: an unread Response pauses the app near the high-water mark, and every byte still arrives", async () => {
    const CHUNK_BYTES = 8 * 1024;
    const CHUNK_COUNT = 200;
    const { body, state } = countingBody(CHUNK_COUNT, () => new Uint8Array(CHUNK_BYTES));
    const handler = toFetchHandler(
      (_environ, startResponse) => {
        startResponse("200 OK", []);
        return body;
      },
      { highWaterMarkBytes: 2 * CHUNK_BYTES },
    );
    const response = await handler(new Request("http://localhost/"));
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    // Two chunks fill the stream's queue; the writer then waits for a read instead of asking for more.
    expect(state.produced).toBeLessThanOrEqual(3);
    const received = await response.arrayBuffer();
    expect(received.byteLength).toBe(CHUNK_BYTES * CHUNK_COUNT);
    expect(state.produced).toBe(CHUNK_COUNT);
  });
});

describe("client gone", () => {
  test("cancelling the Response body aborts gateway.disconnect and closes the app's body before it is exhausted", async () => {
    let disconnect: AbortSignal | undefined;
    const { body, state, closed } = countingBody(1000, () => new Uint8Array(1024));
    const handler = toFetchHandler(
      (environ, startResponse) => {
        disconnect = environ["gateway.disconnect"];
        startResponse("200 OK", []);
        return body;
      },
      { highWaterMarkBytes: 4096 },
    );
    const response = await handler(new Request("http://localhost/"));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel("client left");
    await closed;
    expect(state.closes).toBe(1);
    expect(state.produced).toBeLessThan(1000);
    expect(disconnect?.aborted).toBe(true);
  });

  test("request.signal aborting aborts gateway.disconnect, fails the pending read, and closes the app's body", async () => {
    const controller = new AbortController();
    const { body, state, closed } = countingBody(2, async (index) => {
      if (index === 1) await new Promise((resolve) => setTimeout(resolve, 5));
      return "x";
    });
    let disconnect: AbortSignal | undefined;
    const handler = toFetchHandler((environ, startResponse) => {
      disconnect = environ["gateway.disconnect"];
      startResponse("200 OK", []);
      return body;
    });
    const response = await handler(new Request("http://localhost/", { signal: controller.signal }));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(text((await reader.read()).value)).toBe("x");
    const pending = reader.read();
    controller.abort(new Error("socket closed"));
    expect(disconnect?.aborted).toBe(true);
    await expect(pending).rejects.toThrow("socket closed");
    await closed;
    expect(state.closes).toBe(1);
  });

  test("a request aborted before it is handled resolves to a bodiless 499 without running the app", async () => {
    const controller = new AbortController();
    controller.abort();
    let ran = false;
    const handler = toFetchHandler(() => {
      ran = true;
      return [];
    });
    const response = await handler(new Request("http://localhost/", { signal: controller.signal }));
    expect(response.status).toBe(499);
    expect(response.body).toBeNull();
    expect(ran).toBe(false);
  });

  test("a client gone before the head was sent gets a bodiless 499, not the app's status; the body is closed", async () => {
    const controller = new AbortController();
    const { body, state, closed } = countingBody(1, () => {
      controller.abort();
      return "never sent";
    });
    const handler = toFetchHandler((_environ, startResponse) => {
      startResponse("200 OK", []);
      return body;
    });
    const response = await handler(new Request("http://localhost/", { signal: controller.signal }));
    expect(response.status).toBe(499);
    expect(response.body).toBeNull();
    await closed;
    expect(state.closes).toBe(1);
  });
});

describe("application errors", () => {
  test("an error before the head is a plain 500, reported through onError", async () => {
    const reported: unknown[] = [];
    const handler = toFetchHandler(
      () => {
        throw new Error("boom");
      },
      { onError: (_message, error) => reported.push(error) },
    );
    const response = await handler(new Request("http://localhost/"));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("Internal Server Error\n");
    expect((reported[0] as Error).message).toBe("boom");
  });

  test("an error after the head errors the Response body, so the runtime drops the connection", async () => {
    const handler = toFetchHandler((_environ, startResponse) => {
      startResponse("200 OK", []);
      return (async function* () {
        yield "partial";
        throw new Error("mid-stream failure");
      })();
    }, errorsIgnored);
    const response = await handler(new Request("http://localhost/"));
    await expect(response.text()).rejects.toThrow("mid-stream failure");
  });

  test("by default errors go to the errors stream with their stack", async () => {
    const lines: string[] = [];
    const handler = toFetchHandler(
      () => {
        throw new Error("logged");
      },
      { errors: { write: (line) => lines.push(line), flush: () => undefined } },
    );
    expect((await handler(new Request("http://localhost/"))).status).toBe(500);
    expect(lines.join("")).toMatch(/error in application: Error: logged\n\s+at /);
  });
});

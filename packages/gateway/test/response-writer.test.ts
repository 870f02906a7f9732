import { describe, expect, test } from "vitest";
import { createEnviron } from "../src/environ.js";
import { createEmptyInputStream } from "../src/input-stream.js";
import { MemorySink } from "../src/memory-sink.js";
import { httpDate, runApplication, type RunApplicationOptions } from "../src/response-writer.js";
import type { ResponseSink } from "../src/response-sink.js";
import type { Application, Body, HeaderList, StartResponse } from "../src/types.js";

const environ = () =>
  createEnviron({ method: "GET", target: "/", protocol: "HTTP/1.1", rawHeaders: [], remoteAddress: "127.0.0.1", remotePort: 1, serverName: "localhost", serverPort: 80, input: createEmptyInputStream() });

async function run(app: Application, options: Partial<RunApplicationOptions> = {}) {
  const sink = new MemorySink();
  const errors: string[] = [];
  const outcome = await runApplication(app, environ(), sink, { method: "GET", protocol: "HTTP/1.1", keepAlive: true, onError: (message) => errors.push(message), ...options });
  const header = (name: string) => sink.head?.headers.find(([key]) => key.toLowerCase() === name)?.[1];
  return { sink, outcome, errors, header, text: Buffer.from(sink.body).toString() };
}

const ok = (headers: HeaderList = []): Application => (_environ, startResponse) => {
  startResponse("200 OK", headers);
  return ["hello"];
};

describe("framing", () => {
  test("an array body gets Content-Length and one head", async () => {
    const { sink, header, text, outcome } = await run(ok());
    expect(sink.head?.framing).toBe("content-length");
    expect(header("content-length")).toBe("5");
    expect(text).toBe("hello");
    expect(outcome).toEqual({ status: 200, bytesSent: 5, keepAlive: true, aborted: false });
  });

  test("a streamed body on HTTP/1.1 is chunked", async () => {
    const app: Application = async function* (_environ: unknown, startResponse: StartResponse) {
      startResponse("200 OK", []);
      yield "a";
      yield "b";
    } as unknown as Application;
    const { sink, header, text } = await run(app);
    expect(sink.head?.framing).toBe("chunked");
    expect(header("transfer-encoding")).toBe("chunked");
    expect(text).toBe("ab");
  });

  test("a streamed body on HTTP/1.0 is close-delimited and ends keep-alive", async () => {
    const app: Application = (_environ, startResponse) => {
      startResponse("200 OK", []);
      return new Set(["a", "b"]);
    };
    const { sink, outcome } = await run(app, { protocol: "HTTP/1.0" });
    expect(sink.head?.framing).toBe("close");
    expect(outcome.keepAlive).toBe(false);
  });

  test("HTTP/1.0 keep-alive is announced; HTTP/1.1 close is announced", async () => {
    expect((await run(ok(), { protocol: "HTTP/1.0" })).header("connection")).toBe("keep-alive");
    expect((await run(ok(), { keepAlive: false })).header("connection")).toBe("close");
    expect((await run(ok())).header("connection")).toBeUndefined();
  });

  test("Date and Server are added unless the app set them; serverHeader null sends none", async () => {
    const { header } = await run(ok());
    expect(header("date")).toBe(httpDate());
    expect(header("server")).toBe("patchbay");
    expect((await run(ok([["Server", "mine"]]))).header("server")).toBe("mine");
    expect((await run(ok(), { serverHeader: null })).header("server")).toBeUndefined();
  });
});

describe("header deferral and excInfo", () => {
  test("headers wait for the first non-empty chunk, so excInfo can still replace them", async () => {
    const app: Application = async function* (_environ: unknown, startResponse: StartResponse) {
      startResponse("200 OK", []);
      yield "";
      startResponse("503 Service Unavailable", [["Retry-After", "1"]], new Error("late failure"));
      yield "try later";
    } as unknown as Application;
    const { sink, header } = await run(app);
    expect(sink.head?.status).toBe(503);
    expect(header("retry-after")).toBe("1");
  });

  test("after headers are out, excInfo is re-thrown and the response aborted", async () => {
    const failure = new Error("late");
    const app: Application = async function* (_environ: unknown, startResponse: StartResponse) {
      startResponse("200 OK", []);
      yield "partial";
      startResponse("500 Internal Server Error", [], failure);
    } as unknown as Application;
    const { sink, outcome } = await run(app);
    expect(sink.abortedWith).toBe(failure);
    expect(outcome.aborted).toBe(true);
    expect(sink.ended).toBe(false);
  });

  test("a second startResponse without excInfo is an error (500 before headers)", async () => {
    const app: Application = (_environ, startResponse) => {
      startResponse("200 OK", []);
      startResponse("201 Created", []);
      return [];
    };
    const { sink, errors } = await run(app);
    expect(sink.head?.status).toBe(500);
    expect(errors).toContain("error in application");
  });
});

describe("application errors", () => {
  test("a throw before headers is a plain 500 without the stack", async () => {
    const { sink, text } = await run(() => {
      throw new Error("secret detail");
    });
    expect(sink.head?.status).toBe(500);
    expect(text).toBe("Internal Server Error\n");
  });

  test("a rejection after headers aborts the connection, never a complete-looking body", async () => {
    const app: Application = async function* (_environ: unknown, startResponse: StartResponse) {
      startResponse("200 OK", []);
      yield "x";
      throw new Error("mid-stream");
    } as unknown as Application;
    const { sink, outcome } = await run(app);
    expect(sink.abortedWith?.message).toBe("mid-stream");
    expect(sink.ended).toBe(false);
    expect(outcome.keepAlive).toBe(false);
  });

  test("a bare string body is refused", async () => {
    const app = ((_environ: unknown, startResponse: (s: string, h: HeaderList) => void) => {
      startResponse("200 OK", []);
      return "not iterable of chunks";
    }) as unknown as Application;
    expect((await run(app)).sink.head?.status).toBe(500);
  });

  test.each([
    ["200", "status without reason separator"],
    ["20 OK", "two-digit status"],
    ["200 OK\r\nX: y", "CR/LF in the status"],
    ["100 Continue", "1xx status"],
  ])("invalid status %j is refused (%s)", async (status) => {
    const app: Application = (_environ, startResponse) => {
      startResponse(status, []);
      return [];
    };
    expect((await run(app)).sink.head?.status).toBe(500);
  });

  test.each([
    [["Bad Name", "x"]],
    [["X-Ok", "a\r\nInjected: 1"]],
    [["X-Ok", "snow \u2603"]],
    [["Transfer-Encoding", "chunked"]],
    [["Connection", "close"]],
  ] as [string, string][][])("invalid or hop-by-hop header %j is refused", async (header) => {
    expect((await run(ok([header]))).sink.head?.status).toBe(500);
  });
});

describe("Content-Length", () => {
  test("an under-run aborts the connection", async () => {
    const { sink, outcome } = await run(ok([["Content-Length", "10"]]));
    expect(sink.abortedWith?.message).toMatch(/5 of its declared Content-Length 10/);
    expect(outcome.aborted).toBe(true);
  });

  test("an over-run is truncated to the declared length and reported", async () => {
    const { text, errors, outcome } = await run(ok([["Content-Length", "3"]]));
    expect(text).toBe("hel");
    expect(outcome.aborted).toBe(false);
    expect(errors.some((message) => message.includes("more than its Content-Length"))).toBe(true);
  });
});

describe("bodyless responses", () => {
  test("HEAD sends GET's headers and no body", async () => {
    const { header, text, sink } = await run(ok(), { method: "HEAD" });
    expect(header("content-length")).toBe("5");
    expect(text).toBe("");
    expect(sink.ended).toBe(true);
  });

  test("HEAD with an empty body sends no Content-Length (RFC 9110 §8.6: never 0 for a non-empty GET)", async () => {
    const empty = (body: Body): Application => (_environ, startResponse) => {
      startResponse("200 OK", [["Content-Type", "text/html"]]);
      return body;
    };
    expect((await run(empty([]), { method: "HEAD" })).header("content-length")).toBeUndefined();
    expect((await run(empty(new Set<string>()), { method: "HEAD" })).header("content-length")).toBeUndefined();
    expect((await run(empty([]))).header("content-length")).toBe("0");
  });

  test("HEAD stops iterating a streamed body once the head is out", async () => {
    let produced = 0;
    const app: Application = async function* (_environ: unknown, startResponse: StartResponse) {
      startResponse("200 OK", []);
      for (;;) {
        produced++;
        yield "more";
      }
    } as unknown as Application;
    await run(app, { method: "HEAD" });
    expect(produced).toBe(1);
  });

  test("204 drops Content-Length and body; 304 keeps no body", async () => {
    const noContent = await run((_environ, startResponse) => {
      startResponse("204 No Content", [["Content-Length", "0"]]);
      return ["ignored"];
    });
    expect(noContent.header("content-length")).toBeUndefined();
    expect(noContent.text).toBe("");
    const notModified = await run((_environ, startResponse) => {
      startResponse("304 Not Modified", [["ETag", '"x"']]);
      return [];
    });
    expect(notModified.sink.head?.framing).toBe("none");
    expect(notModified.header("transfer-encoding")).toBeUndefined();
  });
});

describe("close() and backpressure", () => {
  test("close() is called exactly once on success, on error and when the client leaves", async () => {
    const make = (fail: boolean) => {
      let closes = 0;
      const app: Application = (_environ, startResponse) => {
        startResponse("200 OK", []);
        const body: Body = {
          *[Symbol.iterator]() {
            yield "a";
            if (fail) throw new Error("fail");
            yield "b";
          },
          close: () => {
            closes++;
          },
        };
        return body;
      };
      return { app, closes: () => closes };
    };
    const success = make(false);
    await run(success.app);
    expect(success.closes()).toBe(1);
    const failure = make(true);
    await run(failure.app);
    expect(failure.closes()).toBe(1);

    const gone = make(false);
    const sink = new MemorySink();
    sink.write = (chunk) => {
      sink.chunks.push(chunk);
      sink.clientGone = true;
      return false;
    };
    const outcome = await runApplication(gone.app, environ(), sink, { method: "GET", protocol: "HTTP/1.1", keepAlive: true });
    expect(gone.closes()).toBe(1);
    expect(outcome.aborted).toBe(true);
    expect(sink.chunks.length).toBe(1);
  });

  test("waits for drain() whenever write() returns false", async () => {
    const events: string[] = [];
    const sink = new MemorySink();
    sink.write = (chunk) => {
      events.push(`write ${Buffer.from(chunk).toString()}`);
      return false;
    };
    sink.drain = () => {
      events.push("drain");
      return Promise.resolve();
    };
    const app: Application = async function* (_environ: unknown, startResponse: StartResponse) {
      startResponse("200 OK", []);
      yield "1";
      events.push("produce 2");
      yield "2";
    } as unknown as Application;
    await runApplication(app, environ(), sink, { method: "GET", protocol: "HTTP/1.1", keepAlive: true });
    expect(events).toEqual(["write 1", "drain", "produce 2", "write 2", "drain"]);
  });

  test("the legacy write() sends at once and the returned body follows", async () => {
    const app: Application = (_environ, startResponse) => {
      const write = startResponse("200 OK", []);
      write("first ");
      return ["second"];
    };
    const { text, sink } = await run(app);
    expect(text).toBe("first second");
    expect(sink.head?.framing).toBe("chunked");
  });
});

test("an error carrying a 4xx status before headers answers with that status", async () => {
  const { sink, text } = await run(() => {
    throw Object.assign(new Error("too big"), { status: 413 });
  });
  expect(sink.head?.status).toBe(413);
  expect(text).toBe("Payload Too Large\n");
});

test("an app that returns null gets a 500, not a crash", async () => {
  const app = ((_environ: unknown, startResponse: StartResponse) => {
    startResponse("200 OK", []);
    return null;
  }) as unknown as Application;
  expect((await run(app)).sink.head?.status).toBe(500);
});

describe("a whole string body", () => {
  /** A sink that records the calls the writer makes; `withText` says whether it offers endWithText. */
  function recordingSink(withText: boolean) {
    const inner = new MemorySink();
    const calls: string[] = [];
    const sink: ResponseSink = {
      sendHead: (head) => inner.sendHead(head),
      write: (chunk) => {
        calls.push(`write ${Buffer.from(chunk).toString("utf8")}`);
        return inner.write(chunk);
      },
      drain: () => inner.drain(),
      end: () => {
        calls.push("end");
        inner.end();
      },
      abort: (error) => inner.abort(error),
      get clientGone() {
        return false;
      },
      ...(withText
        ? {
            endWithText: (text: string, byteLength: number) => {
              calls.push(`endWithText ${text} ${byteLength}`);
              inner.endWithText(text);
            },
          }
        : {}),
    };
    return { sink, inner, calls };
  }
  const text = "h\u00e9llo \u2713";
  const app: Application = (_environ, startResponse) => {
    startResponse("200 OK", []);
    return [text];
  };

  test("goes to endWithText with its UTF-8 length, which is the Content-Length", async () => {
    const { sink, inner, calls } = recordingSink(true);
    const outcome = await runApplication(app, environ(), sink, { method: "GET", protocol: "HTTP/1.1", keepAlive: true });
    const length = Buffer.byteLength(text);
    expect(calls).toEqual([`endWithText ${text} ${length}`]);
    expect(inner.head?.headers).toContainEqual(["Content-Length", String(length)]);
    expect(outcome.bytesSent).toBe(length);
    expect(Buffer.from(inner.body).toString("utf8")).toBe(text);
  });

  test("goes as UTF-8 bytes to a sink without endWithText", async () => {
    const { sink, calls } = recordingSink(false);
    await runApplication(app, environ(), sink, { method: "GET", protocol: "HTTP/1.1", keepAlive: true });
    expect(calls).toEqual([`write ${text}`, "end"]);
  });

  test("after a legacy write() (head already out, chunked) goes as bytes", async () => {
    const { sink, calls } = recordingSink(true);
    const writing: Application = (_environ, startResponse) => {
      startResponse("200 OK", [])("first ");
      return ["second"];
    };
    await runApplication(writing, environ(), sink, { method: "GET", protocol: "HTTP/1.1", keepAlive: true });
    expect(calls).toEqual(["write first ", "write second", "end"]);
  });

  test("is not handed on for HEAD, nor for an empty string", async () => {
    const head = recordingSink(true);
    await runApplication(app, environ(), head.sink, { method: "HEAD", protocol: "HTTP/1.1", keepAlive: true });
    expect(head.calls).toEqual(["end"]);
    expect(head.inner.head?.headers).toContainEqual(["Content-Length", String(Buffer.byteLength(text))]);
    const empty = recordingSink(true);
    const emptyApp: Application = (_environ, startResponse) => {
      startResponse("200 OK", []);
      return [""];
    };
    await runApplication(emptyApp, environ(), empty.sink, { method: "GET", protocol: "HTTP/1.1", keepAlive: true });
    expect(empty.calls).toEqual(["end"]);
    expect(empty.inner.head?.headers).toContainEqual(["Content-Length", "0"]);
  });

  test("equal to a declared Content-Length goes to endWithText; longer is cut as bytes", async () => {
    const declared = (length: number): Application => (_environ, startResponse) => {
      startResponse("200 OK", [["Content-Length", String(length)]]);
      return ["hello"];
    };
    const exact = recordingSink(true);
    await runApplication(declared(5), environ(), exact.sink, { method: "GET", protocol: "HTTP/1.1", keepAlive: true });
    expect(exact.calls).toEqual(["endWithText hello 5"]);
    const cut = recordingSink(true);
    await runApplication(declared(3), environ(), cut.sink, { method: "GET", protocol: "HTTP/1.1", keepAlive: true });
    expect(cut.calls).toEqual(["write hel", "end"]);
  });
});

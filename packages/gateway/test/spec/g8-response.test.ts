// SPEC.md G-8: what the server sends. Holds: the real writer through validateSink; fails: hand-driven
// broken servers through validateSink.
import { describe, expect, test } from "vitest";
import { MemorySink } from "../../src/memory-sink.js";
import type { Application, Body, HeaderList } from "../../src/types.js";
import { BackpressureSink, createDriver, headOf, respondWith, rulesOf, runValidated, textApp } from "./run-validated.js";

const TEXT: HeaderList = [["Content-Type", "text/plain"]];
const bytes = (text: string) => Buffer.from(text);

function streaming(...chunks: string[]): Application {
  return (_environ, startResponse) => {
    startResponse("200 OK", TEXT);
    return (async function* () {
      yield* chunks;
    })();
  };
}

describe("G-8 the response on the wire", () => {
  test("G-8.1: the head waits for the first non-empty chunk, the end of the body, or an error", async () => {
    const seen: (number | undefined)[] = [];
    const headSink = new MemorySink();
    const run = await runValidated((_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return (async function* () {
        yield "";
        seen.push(headSink.head?.status);
        yield "data";
      })();
    }, { sink: headSink });
    expect(seen).toEqual([undefined]);
    expect(run.sink.head?.status).toBe(200);
    expect(rulesOf(run)).toEqual([]);
    const driver = createDriver();
    await driver.call(textApp("x"), (status, headers) => {
      driver.sink.sendHead(headOf(Number(status.slice(0, 3)), headers, "content-length"));
      return () => {};
    });
    expect(rulesOf(driver.collected, "server")).toContain("G-8.1");
  });

  test("G-8.2: one sendHead, before any write; nothing after end() or abort()", async () => {
    expect(rulesOf(await runValidated(streaming("a", "b")))).toEqual([]);
    const driver = createDriver();
    await driver.call(textApp("x"));
    // The MemorySink underneath refuses these too, after the validator has reported them.
    expect(() => driver.sink.write(bytes("x"))).toThrowError("write before sendHead");
    driver.sink.sendHead(headOf(200, [...TEXT, ["Content-Length", "1"]], "content-length"));
    expect(() => driver.sink.sendHead(headOf(200, [...TEXT, ["Content-Length", "1"]], "content-length"))).toThrowError("sendHead called twice");
    driver.sink.end();
    driver.sink.abort(new Error("late"));
    expect(rulesOf(driver.collected, "server")).toEqual(["G-8.2", "G-8.2", "G-8.2"]);
  });

  test("G-8.3: the application's status and headers are sent unchanged and in order", async () => {
    const headers: HeaderList = [["Content-Type", "text/plain"], ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"], ["X-Trace", "t"]];
    const valid = await runValidated(respondWith("201 Created", headers, ["made"]));
    expect(valid.sink.head?.headers.slice(0, 4)).toEqual(headers);
    expect(valid.sink.head?.reason).toBe("Created");
    expect(rulesOf(valid)).toEqual([]);
    const dropped = createDriver();
    await dropped.call(respondWith("201 Created", headers, ["made"]));
    dropped.sink.sendHead(headOf(201, [headers[0] as [string, string], ["Content-Length", "4"]], "content-length"));
    expect(rulesOf(dropped.collected, "server")).toEqual(["G-8.3"]);
    const restatused = createDriver();
    await restatused.call(respondWith("201 Created", headers, ["made"]));
    restatused.sink.sendHead(headOf(200, [...headers, ["Content-Length", "4"]], "content-length"));
    expect(rulesOf(restatused.collected, "server")).toEqual(["G-8.3"]);
  });

  test("G-8.4: 2xx–4xx responses carry Date", async () => {
    const valid = await runValidated(textApp("x"));
    expect(valid.header("date")).toMatch(/ GMT$/);
    expect(rulesOf(valid)).toEqual([]);
    const driver = createDriver();
    await driver.call(textApp("x"));
    driver.sink.sendHead({ status: 200, reason: "OK", headers: [...TEXT, ["Content-Length", "1"]], framing: "content-length", keepAlive: true });
    expect(rulesOf(driver.collected, "server")).toEqual(["G-8.4"]);
  });

  test("G-8.5: framing follows Content-Length, else chunked on HTTP/1.1, else close-delimited", async () => {
    const known = await runValidated(textApp("hello"));
    expect([known.sink.head?.framing, known.header("content-length")]).toEqual(["content-length", "5"]);
    const chunked = await runValidated(streaming("a", "b"));
    expect([chunked.sink.head?.framing, chunked.header("transfer-encoding")]).toEqual(["chunked", "chunked"]);
    const closing = await runValidated(streaming("a", "b"), { protocol: "HTTP/1.0" });
    expect([closing.sink.head?.framing, closing.outcome.keepAlive]).toEqual(["close", false]);
    for (const run of [known, chunked, closing]) expect(rulesOf(run)).toEqual([]);
    const driver = createDriver({ protocol: "HTTP/1.0" });
    await driver.call(streaming("a"));
    driver.sink.sendHead(headOf(200, [...TEXT, ["Transfer-Encoding", "chunked"]], "chunked", false));
    expect(rulesOf(driver.collected, "server")).toEqual(["G-8.1", "G-8.5"]);
  });

  test("G-8.6: a response to HEAD has no body", async () => {
    const valid = await runValidated(textApp("hello"), { method: "HEAD" });
    expect(valid.header("content-length")).toBe("5");
    expect(valid.sink.body.length).toBe(0);
    expect(rulesOf(valid)).toEqual([]);
    const driver = createDriver({ method: "HEAD" });
    await driver.call(textApp("hello"));
    driver.sink.sendHead(headOf(200, [...TEXT, ["Content-Length", "5"]], "content-length"));
    driver.sink.write(bytes("hello"));
    // Once for the framing in the head, once for the bytes.
    expect(rulesOf(driver.collected, "server")).toEqual(["G-8.6", "G-8.6"]);
  });

  test("G-8.7: 204 and 304 have no body, no Transfer-Encoding, and 204 no Content-Length", async () => {
    const noContent = await runValidated(respondWith("204 No Content", [["Content-Length", "0"]]));
    expect(noContent.header("content-length")).toBeUndefined();
    expect(noContent.sink.head?.framing).toBe("none");
    const notModified = await runValidated(respondWith("304 Not Modified", [["ETag", '"v1"']]));
    expect(notModified.sink.head?.framing).toBe("none");
    expect(rulesOf(noContent)).toEqual([]);
    expect(rulesOf(notModified)).toEqual([]);
    const driver = createDriver();
    await driver.call(respondWith("204 No Content", []));
    driver.sink.sendHead(headOf(204, [["Content-Length", "0"]], "content-length"));
    expect(rulesOf(driver.collected, "server")).toEqual(["G-8.7", "G-8.7"]);
  });

  test("G-8.8: never more bytes than Content-Length; fewer aborts the response", async () => {
    const sized: HeaderList = [...TEXT, ["Content-Length", "3"]];
    const over = await runValidated(respondWith("200 OK", sized, new Set(["abcdef"])));
    expect(over.text).toBe("abc");
    const under = await runValidated(respondWith("200 OK", sized, new Set(["a"])));
    expect(under.sink.abortedWith).toBeDefined();
    expect(under.sink.ended).toBe(false);
    // Only the application broke a rule (G-6.5); the server kept G-8.8.
    expect(rulesOf(over, "server")).toEqual([]);
    expect(rulesOf(under, "server")).toEqual([]);
    const driver = createDriver();
    await driver.call(respondWith("200 OK", sized, new Set(["a"])));
    driver.sink.sendHead(headOf(200, sized, "content-length"));
    driver.sink.write(bytes("abcd"));
    driver.sink.end();
    expect(rulesOf(driver.collected, "server")).toEqual(["G-8.1", "G-8.8"]);
    const short = createDriver();
    await short.call(respondWith("200 OK", sized, ["abc"]));
    short.sink.sendHead(headOf(200, sized, "content-length"));
    short.sink.write(bytes("a"));
    short.sink.end();
    expect(rulesOf(short.collected, "server")).toEqual(["G-8.8"]);
  });

  test("G-8.9: an application error before the head gives a 500 without the error's details", async () => {
    const throwing: Application = () => {
      throw new Error("secret database password");
    };
    const valid = await runValidated(throwing);
    expect(valid.sink.head?.status).toBe(500);
    expect(valid.text).not.toMatch(/secret/);
    expect(rulesOf(valid)).toEqual([]);
    const driver = createDriver();
    expect(() => driver.call(throwing)).toThrowError("secret");
    driver.sink.sendHead(headOf(200, [...TEXT, ["Content-Length", "0"]], "content-length"));
    expect(rulesOf(driver.collected, "server")).toEqual(["G-8.9"]);
  });

  test("G-8.10: an error after the head aborts the response, never ends it", async () => {
    const failing: Application = (_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return (async function* () {
        yield "partial";
        throw new Error("late failure");
      })();
    };
    const valid = await runValidated(failing);
    expect(valid.sink.abortedWith).toBeDefined();
    expect(valid.sink.ended).toBe(false);
    expect(rulesOf(valid)).toEqual([]);
    const driver = createDriver();
    const body = (await driver.call(failing)) as AsyncIterable<string> & Body;
    const iterator = body[Symbol.asyncIterator]();
    const first = await iterator.next();
    driver.sink.sendHead(headOf(200, [...TEXT, ["Transfer-Encoding", "chunked"]], "chunked"));
    driver.sink.write(bytes(String(first.value)));
    await expect(iterator.next()).rejects.toThrowError("late failure");
    driver.sink.end();
    expect(rulesOf(driver.collected, "server")).toEqual(["G-8.10"]);
  });

  test("G-8.11: after write() returns false the server waits for drain()", async () => {
    const sink = new BackpressureSink();
    const valid = await runValidated(streaming("a", "b", "c"), { sink });
    expect(valid.text).toBe("abc");
    expect(sink.drains).toBe(3);
    expect(rulesOf(valid)).toEqual([]);
    const driver = createDriver({ sink: new BackpressureSink() });
    await driver.call(textApp("ab"));
    driver.sink.sendHead(headOf(200, [...TEXT, ["Content-Length", "2"]], "content-length"));
    expect(driver.sink.write(bytes("a"))).toBe(false);
    driver.sink.write(bytes("b"));
    expect(rulesOf(driver.collected, "server")).toEqual(["G-8.11"]);
  });

  test("G-8.12: Connection says close on HTTP/1.1, keep-alive on HTTP/1.0, when it departs from the default", async () => {
    const closing = await runValidated(textApp("x"), { keepAlive: false });
    expect(closing.header("connection")).toBe("close");
    const persistent = await runValidated(textApp("x"), { protocol: "HTTP/1.0" });
    expect(persistent.header("connection")).toBe("keep-alive");
    expect(rulesOf(closing)).toEqual([]);
    expect(rulesOf(persistent)).toEqual([]);
    const driver = createDriver();
    await driver.call(textApp("x"));
    driver.sink.sendHead(headOf(200, [...TEXT, ["Content-Length", "1"]], "content-length", false));
    expect(rulesOf(driver.collected, "server")).toEqual(["G-8.12"]);
  });
});

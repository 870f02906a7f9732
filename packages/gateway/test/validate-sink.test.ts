// validateSink on its own and linked to validate(): it passes every call through unchanged.
import { describe, expect, test } from "vitest";
import { MemorySink } from "../src/memory-sink.js";
import { runApplication } from "../src/response-writer.js";
import type { ResponseSink } from "../src/response-sink.js";
import type { Application } from "../src/types.js";
import { validate } from "../src/validate/validate.js";
import { validateSink } from "../src/validate/validate-sink.js";
import { createCollector, headOf, makeEnviron, rulesOf } from "./spec/run-validated.js";

describe("validateSink", () => {
  test("passes head, bytes, drain and end through to the inner sink", async () => {
    const inner = new MemorySink();
    const environ = makeEnviron();
    const app: Application = (_environ, startResponse) => {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return (async function* () {
        yield "a";
        yield "b";
      })();
    };
    const outcome = await runApplication(validate(app), environ, validateSink(inner, environ), { method: "GET", protocol: "HTTP/1.1", keepAlive: true });
    expect(outcome).toMatchObject({ status: 200, bytesSent: 2, aborted: false });
    expect(inner.head?.framing).toBe("chunked");
    expect(Buffer.from(inner.body).toString()).toBe("ab");
    expect(inner.ended).toBe(true);
  });

  test("alone (no validated application) it still checks what the sink sees", () => {
    const collected = createCollector();
    const sink = validateSink(new MemorySink(), makeEnviron({ method: "HEAD" }), collected.options);
    sink.sendHead(headOf(200, [["Content-Length", "2"]], "content-length"));
    sink.write(Buffer.from("no"));
    sink.end();
    expect(rulesOf(collected)).toEqual(["G-8.6", "G-8.6"]);
  });

  test("by default a sink violation is thrown into the server's call and logged", () => {
    const log: string[] = [];
    const sink = validateSink(new MemorySink(), makeEnviron({}, log));
    expect(() => sink.sendHead({ status: 200, reason: "OK", headers: [["Content-Length", "0"]], framing: "content-length", keepAlive: true })).toThrowError(/^G-8\.4: a 200 response has no Date header/);
    expect(log).toEqual([expect.stringMatching(/^patchbay validate: server violation: G-8\.4: /)]);
  });

  test("endWith() and endWithText() are checked like write() then end(), and reach a sink without them as those", () => {
    const collected = createCollector();
    const bytesOnly = new MemorySink();
    const inner: ResponseSink = {
      sendHead: (head) => bytesOnly.sendHead(head),
      write: (chunk) => bytesOnly.write(chunk),
      drain: () => bytesOnly.drain(),
      end: () => bytesOnly.end(),
      abort: (error) => bytesOnly.abort(error),
      clientGone: false,
    };
    const sink = validateSink(inner, makeEnviron(), collected.options);
    sink.sendHead(headOf(200, [["Content-Length", "6"], ["Date", "x"]], "content-length"));
    sink.endWithText?.("h\u00e9llo", 6);
    expect(rulesOf(collected)).toEqual([]);
    expect(Buffer.from(bytesOnly.body).toString("utf8")).toBe("h\u00e9llo");
    expect(bytesOnly.ended).toBe(true);

    const short = createCollector();
    const shortSink = validateSink(new MemorySink(), makeEnviron(), short.options);
    shortSink.sendHead(headOf(200, [["Content-Length", "6"], ["Date", "x"]], "content-length"));
    // A wrong byte length, and five bytes for a Content-Length of six.
    shortSink.endWithText?.("hello", 6);
    expect(rulesOf(short)).toEqual(["G-8.8", "G-8.8"]);

    const late = createCollector();
    const lateSink = validateSink(new MemorySink(), makeEnviron(), late.options);
    lateSink.sendHead(headOf(200, [["Content-Length", "2"], ["Date", "x"]], "content-length"));
    lateSink.endWith?.(Buffer.from("ok"));
    lateSink.endWith?.(Buffer.from(""));
    expect(rulesOf(late)).toEqual(["G-8.2"]);
  });
});

// SPEC.md G-5: the legacy write() callable.
import { describe, expect, test } from "vitest";
import { MemorySink } from "../../src/memory-sink.js";
import { runApplication } from "../../src/response-writer.js";
import type { Application, Write } from "../../src/types.js";
import { validate } from "../../src/validate/validate.js";
import { validateSink } from "../../src/validate/validate-sink.js";
import { createCollector, makeEnviron, rulesOf, runValidated } from "./run-validated.js";

describe("G-5 write()", () => {
  test("G-5.1: write() takes a Uint8Array or a string", async () => {
    const valid = await runValidated((_environ, startResponse) => {
      const write = startResponse("200 OK", [["Content-Type", "text/plain"]]);
      write("text, ");
      write(Buffer.from("bytes"));
      return [];
    });
    expect(valid.text).toBe("text, bytes");
    expect(rulesOf(valid)).toEqual([]);
    const invalid = await runValidated((_environ, startResponse) => {
      const write = startResponse("200 OK", [["Content-Type", "text/plain"]]);
      write(42 as unknown as string);
      return [];
    });
    expect(rulesOf(invalid, "application")).toEqual(["G-5.1"]);
  });

  test("G-5.2: write() is not called once the body has ended", async () => {
    const valid = await runValidated((_environ, startResponse) => {
      const write = startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return (async function* () {
        write("from write, ");
        yield "from body";
      })();
    });
    expect(valid.text).toBe("from write, from body");
    expect(rulesOf(valid)).toEqual([]);
    const invalid = await runValidated((_environ, startResponse) => {
      const write = startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return Object.assign(["done"], { close: () => write("too late") });
    });
    expect(rulesOf(invalid, "application")).toEqual(["G-5.2"]);
  });

  test("G-5.3: when a non-empty write() returns, the head has been sent", async () => {
    let headAtReturn: unknown;
    const app: Application = (_environ, startResponse) => {
      const write = startResponse("200 OK", [["Content-Type", "text/plain"]]);
      write("now");
      headAtReturn = sink.head?.status;
      return [];
    };
    const sink = new MemorySink();
    const collected = createCollector();
    const environ = makeEnviron();
    await runApplication(validate(app, collected.options), environ, validateSink(sink, environ, collected.options), { method: "GET", protocol: "HTTP/1.1", keepAlive: true });
    expect(headAtReturn).toBe(200);
    expect(rulesOf(collected)).toEqual([]);
    // A broken server whose write() only buffers, sending the head later.
    const lazy = createCollector();
    const lazyEnviron = makeEnviron();
    const lazySink = validateSink(new MemorySink(), lazyEnviron, lazy.options);
    const buffered: Uint8Array[] = [];
    const lazyWrite: Write = (chunk) => void buffered.push(Buffer.from(chunk));
    void validate(app, lazy.options)(lazyEnviron, () => lazyWrite);
    expect(rulesOf(lazy, "server")).toEqual(["G-5.3"]);
    expect(lazySink.clientGone).toBe(false);
  });
});

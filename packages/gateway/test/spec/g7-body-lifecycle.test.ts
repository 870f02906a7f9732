// SPEC.md G-7: how the server iterates and closes the body. Holds: the real writer; fails: hand-driven
// broken servers.
import { describe, expect, test } from "vitest";
import { MemorySink } from "../../src/memory-sink.js";
import type { Application, Body, HeaderList } from "../../src/types.js";
import { assertBodyClosed } from "../../src/validate/assert-body-closed.js";
import { createDriver, rulesOf, runValidated, type RequestOptions } from "./run-validated.js";

const TEXT: HeaderList = [["Content-Type", "text/plain"]];

/** An app whose async body yields `chunks` (throwing at `failAt`) and counts close() calls. */
function counted(chunks: string[], failAt = -1): { app: Application; closes: () => number } {
  let closes = 0;
  const app: Application = (_environ, startResponse) => {
    startResponse("200 OK", TEXT);
    async function* produce() {
      for (const [index, chunk] of chunks.entries()) {
        if (index === failAt) throw new Error("body failed");
        yield chunk;
      }
    }
    return Object.assign(produce(), { close: () => void closes++ });
  };
  return { app, closes: () => closes };
}

/** A sink whose client leaves after the first body write. */
class LeavingSink extends MemorySink {
  override write(chunk: Uint8Array): boolean {
    super.write(chunk);
    this.clientGone = true;
    return true;
  }
}

describe("G-7 body lifecycle", () => {
  test("G-7.1: the server asks for one chunk at a time", async () => {
    const { app } = counted(["a", "b", "c"]);
    const valid = await runValidated(app);
    expect(valid.text).toBe("abc");
    expect(rulesOf(valid)).toEqual([]);
    const driver = createDriver();
    const body = (await driver.call(app)) as AsyncIterable<string>;
    const iterator = body[Symbol.asyncIterator]();
    await Promise.all([iterator.next(), iterator.next()]);
    expect(rulesOf(driver.collected, "server")).toEqual(["G-7.1"]);
  });

  test("G-7.2: close() is called exactly once on every path", async () => {
    const paths: [string, ReturnType<typeof counted>, RequestOptions][] = [
      ["complete", counted(["a", "b"]), {}],
      ["body error after the head", counted(["a", "b"], 1), {}],
      ["body error before the head", counted(["a"], 0), {}],
      ["client gone", counted(["a", "b", "c"]), { sink: new LeavingSink() }],
      ["HEAD stops early", counted(["a", "b"]), { method: "HEAD" }],
    ];
    for (const [path, { app, closes }, request] of paths) {
      const run = await runValidated(app, request);
      expect({ path, rules: rulesOf(run), closes: closes() }).toEqual({ path, rules: [], closes: 1 });
    }
    const never = createDriver();
    const body = (await never.call(counted(["a"]).app)) as AsyncIterable<string>;
    for await (const chunk of body) void chunk;
    assertBodyClosed(never.environ);
    expect(rulesOf(never.collected, "server")).toEqual(["G-7.2"]);
    const twice = createDriver();
    const twiceBody = (await twice.call(counted(["a"]).app)) as Body;
    await twiceBody.close?.();
    await twiceBody.close?.();
    expect(rulesOf(twice.collected, "server")).toEqual(["G-7.2"]);
  });

  test("G-7.3: the body is not iterated after close()", async () => {
    const { app, closes } = counted(["a"]);
    expect(rulesOf(await runValidated(app))).toEqual([]);
    expect(closes()).toBe(1);
    const driver = createDriver();
    const body = (await driver.call(app)) as AsyncIterable<string> & Body;
    await body.close?.();
    await body[Symbol.asyncIterator]().next();
    expect(rulesOf(driver.collected, "server")).toEqual(["G-7.3"]);
  });

  test("G-7.4: the server awaits close() and logs its failure (runtime: not observable by the validator)", async () => {
    let closedAt = "";
    const slowClose: Application = (_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return Object.assign(["x"], { close: () => new Promise<void>((resolve) => setImmediate(() => ((closedAt = "closed"), resolve()))) });
    };
    const awaited = await runValidated(slowClose);
    expect(closedAt).toBe("closed");
    expect(rulesOf(awaited)).toEqual([]);
    const failing: Application = (_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return Object.assign(["x"], { close: () => Promise.reject(new Error("close failed")) });
    };
    const logged = await runValidated(failing);
    expect(logged.outcome.aborted).toBe(false);
    expect(logged.text).toBe("x");
    expect(logged.writerErrors.map(String)).toContain("Error: close failed");
    expect(rulesOf(logged)).toEqual([]);
  });

  test("G-7.5: once the client is gone the server stops iterating (and still closes)", async () => {
    const { app, closes } = counted(["a", "b", "c"]);
    const sink = new LeavingSink();
    const valid = await runValidated(app, { sink });
    expect(valid.text).toBe("a");
    expect(closes()).toBe(1);
    expect(rulesOf(valid)).toEqual([]);
    const leaving = new MemorySink();
    const driver = createDriver({ sink: leaving });
    const body = (await driver.call(app)) as AsyncIterable<string>;
    const iterator = body[Symbol.asyncIterator]();
    await iterator.next();
    leaving.clientGone = true;
    expect(driver.sink.clientGone).toBe(true);
    await iterator.next();
    expect(rulesOf(driver.collected, "server")).toEqual(["G-7.5"]);
  });
});

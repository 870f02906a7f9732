// SPEC.md G-11: optional, feature-detected extension keys.
import { describe, expect, test } from "vitest";
import { MemorySink } from "../../src/memory-sink.js";
import type { Application, Body, EarlyHints, HeaderList, OnFinished } from "../../src/types.js";
import { createDriver, headOf, rulesOf, runValidated } from "./run-validated.js";

const TEXT: HeaderList = [["Content-Type", "text/plain"]];

/** An app that uses each extension only when the server offers it. */
const featureTesting: Application = (environ, startResponse) => {
  const offered = ["gateway.disconnect", "gateway.early_hints", "gateway.on_finished"].filter((key) => key in environ);
  if ("gateway.early_hints" in environ) environ["gateway.early_hints"]?.([["Link", "</style.css>; rel=preload; as=style"]]);
  startResponse("200 OK", TEXT);
  return [offered.join(",") || "none"];
};

describe("G-11 extensions", () => {
  test("G-11.1: an extension is either offered with its type or its key is absent; apps test with `in`", async () => {
    const without = await runValidated(featureTesting);
    expect(without.text).toBe("none");
    const hints: HeaderList[] = [];
    const offered = await runValidated(featureTesting, {
      environ: { "gateway.disconnect": new AbortController().signal, "gateway.early_hints": (headers: HeaderList) => void hints.push(headers), "gateway.on_finished": () => {} },
    });
    expect(offered.text).toBe("gateway.disconnect,gateway.early_hints,gateway.on_finished");
    expect(hints).toEqual([[["Link", "</style.css>; rel=preload; as=style"]]]);
    expect(rulesOf(without)).toEqual([]);
    expect(rulesOf(offered)).toEqual([]);
    const undefinedKey = await runValidated(featureTesting, { environ: { "gateway.disconnect": undefined } });
    expect(rulesOf(undefinedKey, "server")).toEqual(["G-11.1"]);
    const wrongType = await runValidated(featureTesting, { environ: { "gateway.on_finished": true } });
    expect(rulesOf(wrongType, "server")).toEqual(["G-11.1"]);
  });

  test("G-11.2: gateway.disconnect is aborted no later than the server sees the client gone", async () => {
    const controller = new AbortController();
    // The client leaves during the first write: the server flags it and aborts the signal together.
    const sink = new MemorySink();
    const write = sink.write.bind(sink);
    sink.write = (chunk) => {
      write(chunk);
      sink.clientGone = true;
      controller.abort();
      return true;
    };
    const app: Application = (_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return (async function* () {
        yield "first";
        yield "never sent";
      })();
    };
    const valid = await runValidated(app, { sink, environ: { "gateway.disconnect": controller.signal } });
    expect(valid.text).toBe("first");
    expect(rulesOf(valid)).toEqual([]);
    const leaving = new MemorySink();
    const driver = createDriver({ sink: leaving, environ: { "gateway.disconnect": new AbortController().signal } });
    await driver.call(app);
    leaving.clientGone = true;
    expect(driver.sink.clientGone).toBe(true);
    expect(rulesOf(driver.collected, "server")).toEqual(["G-11.2"]);
  });

  test("G-11.3: gateway.early_hints takes valid headers, and only before the head is sent", async () => {
    const sent: HeaderList[] = [];
    const earlyHints: EarlyHints = (headers) => void sent.push(headers);
    const valid = await runValidated(featureTesting, { environ: { "gateway.early_hints": earlyHints } });
    expect(sent).toHaveLength(1);
    expect(rulesOf(valid)).toEqual([]);
    const late: Application = (environ, startResponse) => {
      const write = startResponse("200 OK", TEXT);
      write("head is out");
      environ["gateway.early_hints"]?.([["Link", "</late.js>; rel=preload"]]);
      return [];
    };
    expect(rulesOf(await runValidated(late, { environ: { "gateway.early_hints": earlyHints } }), "application")).toEqual(["G-11.3"]);
    const hopByHop: Application = (environ, startResponse) => {
      environ["gateway.early_hints"]?.([["Connection", "close"]]);
      startResponse("200 OK", TEXT);
      return [];
    };
    expect(rulesOf(await runValidated(hopByHop, { environ: { "gateway.early_hints": earlyHints } }), "application")).toEqual(["G-4.7"]);
  });

  test("G-11.4: gateway.on_finished callbacks run once, after the body is closed", async () => {
    const app: Application = (_environ, startResponse) => {
      startResponse("200 OK", TEXT);
      return ["done"];
    };
    // A server that runs its callbacks after close(), once.
    const callbacks: (() => void)[] = [];
    const onFinished: OnFinished = (callback) => void callbacks.push(callback);
    const good = createDriver({ environ: { "gateway.on_finished": onFinished } });
    const body = (await good.call(app)) as Body;
    good.sink.sendHead(headOf(200, [...TEXT, ["Content-Length", "4"]], "content-length"));
    good.sink.write(Buffer.from("done"));
    good.sink.end();
    await body.close?.();
    for (const callback of callbacks.splice(0)) callback();
    expect(rulesOf(good.collected)).toEqual([]);
    // A server that runs them before close(), and twice.
    const early = createDriver({ environ: { "gateway.on_finished": onFinished } });
    await early.call(app);
    for (const callback of callbacks) callback();
    for (const callback of callbacks) callback();
    expect(rulesOf(early.collected, "server")).toEqual(["G-11.4", "G-11.4"]);
  });
});

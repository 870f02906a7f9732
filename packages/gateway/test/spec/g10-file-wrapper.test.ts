// SPEC.md G-10: gateway.file_wrapper.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { isFileBody } from "../../src/file-wrapper.js";
import type { Application, Body, FileBody } from "../../src/types.js";
import { assertBodyClosed } from "../../src/validate/assert-body-closed.js";
import { createDriver, rulesOf, runValidated } from "./run-validated.js";

const directory = mkdtempSync(join(tmpdir(), "patchbay-spec-"));
const filePath = join(directory, "hello.txt");
writeFileSync(filePath, "hello, file world");
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const serveFile = (start?: number, end?: number): Application => (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return environ["gateway.file_wrapper"](filePath, { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }), blockSize: 4 });
};

describe("G-10 gateway.file_wrapper", () => {
  test("G-10.1: file_wrapper(path, {start, end}) returns a FileBody of those bytes", async () => {
    const whole = await runValidated(serveFile());
    expect(whole.text).toBe("hello, file world");
    const range = await runValidated(serveFile(7, 10));
    expect(range.text).toBe("file");
    expect(rulesOf(whole)).toEqual([]);
    expect(rulesOf(range)).toEqual([]);
    const notAFileBody = () => ["not", "a", "file", "body"];
    const invalid = await runValidated(serveFile(), { environ: { "gateway.file_wrapper": notAFileBody } });
    expect(rulesOf(invalid, "server")).toContain("G-10.1");
  });

  test("G-10.2: a server may send a FileBody by its own route, but still closes it exactly once", async () => {
    // The validated body keeps its file identity, so a server can still take its fast route.
    const fast = createDriver();
    const body = (await fast.call(serveFile())) as FileBody;
    expect(isFileBody(body)).toBe(true);
    expect([body.filePath, body.start, body.end]).toEqual([filePath, 0, undefined]);
    await body.close();
    assertBodyClosed(fast.environ);
    expect(rulesOf(fast.collected)).toEqual([]);
    const forgetful = createDriver();
    (await forgetful.call(serveFile())) as Body;
    assertBodyClosed(forgetful.environ);
    expect(rulesOf(forgetful.collected, "server")).toEqual(["G-10.2"]);
  });
});

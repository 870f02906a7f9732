// SPEC.md G-3: gateway.input. Holds: the real input stream; broken: scripted streams of a broken server.
import { describe, expect, test } from "vitest";
import { callApp } from "../../src/call-app.js";
import { GatewayError } from "../../src/errors.js";
import { createInputStream } from "../../src/input-stream.js";
import type { Application, Environ } from "../../src/types.js";
import { validate } from "../../src/validate/validate.js";
import { rulesOf, runValidated, scriptedInput, type RequestOptions } from "./run-validated.js";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();

/** An application that runs `reader` on the input and answers what it read, joined with "|". */
function reading(reader: (input: Environ["gateway.input"]) => Promise<string[]>): Application {
  return async (environ, startResponse) => {
    const parts = await reader(environ["gateway.input"]);
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [parts.join("|")];
  };
}

async function readAll(input: Environ["gateway.input"], step: () => Promise<Uint8Array>): Promise<string[]> {
  const parts: string[] = [];
  for (let count = 0; count < 10; count++) {
    const bytes = await step();
    parts.push(text(bytes));
    if (bytes.length === 0) break;
  }
  void input;
  return parts;
}

const post = (body: string): RequestOptions => ({ method: "POST", body });
const brokenInput = (input: Environ["gateway.input"], contentLength?: string): RequestOptions => ({
  method: "POST",
  environ: { "gateway.input": input, ...(contentLength === undefined ? {} : { CONTENT_LENGTH: contentLength }) },
});

describe("G-3 gateway.input", () => {
  test("G-3.1: read(n) resolves at most n bytes, fewer only at the end of input", async () => {
    const app = reading((input) => readAll(input, () => input.read(2)));
    const valid = await runValidated(app, post("hello"));
    expect(valid.text).toBe("he|ll|o|");
    expect(rulesOf(valid)).toEqual([]);
    const tooMany = await runValidated(app, brokenInput(scriptedInput({ read: ["abc"] })));
    expect(rulesOf(tooMany)).toContain("G-3.1");
    const shortThenMore = await runValidated(app, brokenInput(scriptedInput({ read: ["a", "bc"] })));
    expect(rulesOf(shortThenMore)).toEqual(["G-3.1"]);
  });

  test("G-3.2: read() resolves all remaining bytes", async () => {
    const app = reading(async (input) => [text(await input.read()), text(await input.read())]);
    const valid = await runValidated(app, post("hello world"));
    expect(valid.text).toBe("hello world|");
    expect(rulesOf(valid)).toEqual([]);
    const invalid = await runValidated(app, brokenInput(scriptedInput({ read: ["hello", " world"] })));
    expect(rulesOf(invalid)).toEqual(["G-3.2"]);
  });

  test("G-3.3: readline(n) resolves one line up to and including LF, at most n bytes", async () => {
    const app = reading((input) => readAll(input, () => input.readline(4)));
    const valid = await runValidated(app, post("ab\nlonger\nz"));
    expect(valid.text).toBe("ab\n|long|er\n|z|");
    expect(rulesOf(valid)).toEqual([]);
    const pastNewline = await runValidated(app, brokenInput(scriptedInput({ readline: ["a\nb"] })));
    expect(rulesOf(pastNewline)).toEqual(["G-3.3"]);
    const unterminatedThenMore = await runValidated(app, brokenInput(scriptedInput({ readline: ["ab", "c\n"] })));
    expect(rulesOf(unterminatedThenMore)).toEqual(["G-3.3"]);
  });

  test("G-3.4: async iteration yields non-empty Uint8Array chunks until the end", async () => {
    const app = reading(async (input) => {
      const parts: string[] = [];
      for await (const chunk of input) parts.push(text(chunk));
      return parts;
    });
    const valid = await runValidated(app, post("hello"));
    expect(valid.text).toBe("hello");
    expect(rulesOf(valid)).toEqual([]);
    const invalid = await runValidated(app, brokenInput(scriptedInput({ chunks: ["a", "", "b"] })));
    expect(rulesOf(invalid)).toEqual(["G-3.4"]);
  });

  test("G-3.5: the end is an empty Uint8Array, and every later read is empty too", async () => {
    const app = reading(async (input) => [text(await input.read(10)), text(await input.read(10)), text(await input.read(10))]);
    const valid = await runValidated(app, post("abc"));
    expect(valid.text).toBe("abc||");
    expect(rulesOf(valid)).toEqual([]);
    const invalid = await runValidated(app, brokenInput(scriptedInput({ read: ["", "late"] })));
    expect(rulesOf(invalid)).toEqual(["G-3.5"]);
  });

  test("G-3.6: the input never yields more than CONTENT_LENGTH bytes", async () => {
    const app = reading(async (input) => [text(await input.read())]);
    async function* pipelined(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("abcGET / HTTP/1.1");
    }
    // The real stream stops at CONTENT_LENGTH even when the source holds the next request's bytes.
    const valid = await runValidated(app, { method: "POST", environ: { CONTENT_LENGTH: "3", "gateway.input": createInputStream(pipelined(), { contentLength: 3 }) } });
    expect(valid.text).toBe("abc");
    expect(rulesOf(valid)).toEqual([]);
    const invalid = await runValidated(app, brokenInput(scriptedInput({ read: ["abcGET"] }), "3"));
    expect(rulesOf(invalid)).toContain("G-3.6");
  });

  test("G-3.7: a chunked request body arrives de-chunked, with no CONTENT_LENGTH", async () => {
    async function* parts(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("ab");
      yield Buffer.from("cd");
    }
    const app = reading(async (input) => [text(await input.read())]);
    const result = await callApp(validate(app), { method: "POST", body: parts() });
    expect(result.text).toBe("abcd");
    expect(result.environ.CONTENT_LENGTH).toBeUndefined();
    expect(result.environ.HTTP_TRANSFER_ENCODING).toBe("chunked");
    const invalid = await runValidated(app, { method: "POST", body: "abcd", headers: [["Transfer-Encoding", "chunked"]] });
    expect(rulesOf(invalid)).toEqual(["G-3.7"]);
  });

  test("G-3.8: a body cut short of CONTENT_LENGTH rejects with a 400 GatewayError", async () => {
    async function* truncated(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("abc");
    }
    let failure: unknown;
    const app = reading(async (input) => {
      try {
        return [text(await input.read())];
      } catch (error) {
        failure = error;
        throw error;
      }
    });
    const valid = await runValidated(app, { method: "POST", environ: { CONTENT_LENGTH: "5", "gateway.input": createInputStream(truncated(), { contentLength: 5 }) } });
    expect(GatewayError.isGatewayError(failure)).toBe(true);
    expect((failure as GatewayError).status).toBe(400);
    expect(rulesOf(valid)).toEqual([]);
    const invalid = await runValidated(app, brokenInput(scriptedInput({ read: ["abc"] }), "5"));
    expect(rulesOf(invalid)).toEqual(["G-3.8"]);
  });

  test("G-3.9: the application passes read/readline a non-negative integer size or nothing", async () => {
    const valid = await runValidated(reading(async (input) => [text(await input.read(3)), text(await input.readline())]), post("abc\n"));
    expect(valid.text).toBe("abc|\n");
    expect(rulesOf(valid)).toEqual([]);
    const invalid = await runValidated(reading(async (input) => [text(await input.read(1.5)), text(await input.readline(-1))]), post("abc"));
    expect(rulesOf(invalid, "application")).toEqual(["G-3.9", "G-3.9"]);
  });

  test("G-3.10: the server sends 100 Continue only when the application first reads (tested on createInputStream)", async () => {
    let continues = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("abc");
    }
    const input = createInputStream(source(), { contentLength: 3, onFirstRead: () => continues++ });
    const ignoring: Application = (_environ, startResponse) => {
      startResponse("204 No Content", []);
      return [];
    };
    const ignored = await runValidated(ignoring, { method: "POST", environ: { CONTENT_LENGTH: "3", "gateway.input": input } });
    expect(continues).toBe(0);
    expect(rulesOf(ignored)).toEqual([]);
    const read = await runValidated(reading(async (stream) => [text(await stream.read(1)), text(await stream.read())]), { method: "POST", environ: { CONTENT_LENGTH: "3", "gateway.input": input } });
    expect(read.text).toBe("a|bc");
    expect(continues).toBe(1);
  });
});

// SPEC.md G-9: gateway.errors.
import { describe, expect, test } from "vitest";
import type { Application, ErrorStream } from "../../src/types.js";
import { rulesOf, runValidated } from "./run-validated.js";

const logging = (text: unknown): Application => (environ, startResponse) => {
  environ["gateway.errors"].write(text as string);
  environ["gateway.errors"].flush();
  startResponse("204 No Content", []);
  return [];
};

describe("G-9 gateway.errors", () => {
  test("G-9.1: the application writes text (strings) to gateway.errors", async () => {
    const valid = await runValidated(logging("cache miss\n"));
    expect(valid.log).toEqual(["cache miss\n"]);
    expect(rulesOf(valid)).toEqual([]);
    const invalid = await runValidated(logging(Buffer.from("bytes")));
    expect(rulesOf(invalid, "application")).toEqual(["G-9.1"]);
  });

  test("G-9.2: the server's write() and flush() never throw", async () => {
    expect(rulesOf(await runValidated(logging("fine\n")))).toEqual([]);
    const broken: ErrorStream = {
      write: () => {
        throw new Error("EPIPE");
      },
      flush: () => {},
    };
    const invalid = await runValidated(logging("lost\n"), { environ: { "gateway.errors": broken } });
    expect(rulesOf(invalid, "server")).toEqual(["G-9.2"]);
    expect(invalid.violations[0]?.message).toMatch(/^G-9\.2: gateway\.errors\.write\(\) threw: EPIPE/);
  });
});

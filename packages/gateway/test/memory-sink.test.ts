// MemorySink keeps a whole body's text as given and encodes it as UTF-8 when the body is first read.
import { expect, test } from "vitest";
import { MemorySink } from "../src/memory-sink.js";

test("endWithText's text reads back as UTF-8 chunks after the bytes written before it", () => {
  const sink = new MemorySink();
  sink.sendHead({ status: 200, reason: "OK", headers: [], framing: "content-length", keepAlive: true });
  sink.write(Buffer.from("a "));
  sink.endWithText("caf\u00e9");
  expect(sink.ended).toBe(true);
  expect(sink.chunks.map((chunk) => Buffer.from(chunk).toString("utf8"))).toEqual(["a ", "caf\u00e9"]);
  expect(Buffer.from(sink.body).toString("hex")).toBe(Buffer.from("a caf\u00e9", "utf8").toString("hex"));
});

test("endWithText before sendHead is refused, like write", () => {
  expect(() => new MemorySink().endWithText("x")).toThrow(/before sendHead/);
});

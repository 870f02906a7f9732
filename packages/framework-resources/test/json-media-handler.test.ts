import { expect, test } from "vitest";
import { HTTPBadRequest } from "../src/http-errors.js";
import { jsonMediaHandler } from "../src/json-media-handler.js";

const bytes = (text: string) => new TextEncoder().encode(text);

test("parses JSON of any kind", () => {
  expect(jsonMediaHandler.deserialize(bytes('{"a":[1,"ü",null]}'), "application/json")).toEqual({ a: [1, "ü", null] });
  expect(jsonMediaHandler.deserialize(bytes("42"), "application/json")).toBe(42);
});

test("empty, malformed or non-UTF-8 bodies are HTTPBadRequest with a clear detail", () => {
  const failures: [Uint8Array, RegExp][] = [
    [new Uint8Array(0), /empty/],
    [bytes("{'a':1}"), /not valid JSON/],
    [new Uint8Array([0x22, 0xff, 0x22]), /not valid UTF-8/],
  ];
  for (const [body, detail] of failures) {
    let caught: unknown;
    try {
      jsonMediaHandler.deserialize(body, "application/json");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HTTPBadRequest);
    expect((caught as HTTPBadRequest).title).toBe("Invalid JSON");
    expect((caught as HTTPBadRequest).detail).toMatch(detail);
  }
});

test("serializes with JSON.stringify; a value JSON cannot express is a ResourceError", () => {
  expect(jsonMediaHandler.serialize({ a: 1, b: [true] }, "application/json")).toBe('{"a":1,"b":[true]}');
  expect(() => jsonMediaHandler.serialize(undefined, "application/json")).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_UNSERIALIZABLE_MEDIA", status: 500 }));
});

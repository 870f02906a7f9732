// Tests for media-type.ts: Content-Type parsing and ctx.type shorthands.
import { describe, expect, test } from "vitest";
import { contentTypeFor, parseMediaType } from "../src/media-type.js";

describe("parseMediaType", () => {
  test.each([
    [undefined, "", undefined],
    ["", "", undefined],
    ["application/json", "application/json", undefined],
    ["Text/HTML; Charset=ISO-8859-1", "text/html", "iso-8859-1"],
    ['text/plain; format=flowed; charset="utf-8"', "text/plain", "utf-8"],
    ["text/plain ;charset = utf-8", "text/plain", "utf-8"],
    ["text/plain; charset=", "text/plain", undefined],
  ])("%s", (header, type, charset) => {
    expect(parseMediaType(header)).toEqual({ type, charset });
  });
});

describe("contentTypeFor", () => {
  test("shorthands, with or without a leading dot", () => {
    expect(contentTypeFor("json")).toBe("application/json; charset=utf-8");
    expect(contentTypeFor(".html")).toBe("text/html; charset=utf-8");
    expect(contentTypeFor("bin")).toBe("application/octet-stream");
  });

  test("full types: a UTF-8 charset added to text and JSON types only, parameters kept", () => {
    expect(contentTypeFor("text/markdown")).toBe("text/markdown; charset=utf-8");
    expect(contentTypeFor("application/problem+json")).toBe("application/problem+json; charset=utf-8");
    expect(contentTypeFor("image/webp")).toBe("image/webp");
    expect(contentTypeFor("text/plain; charset=latin1")).toBe("text/plain; charset=latin1");
  });

  test("neither a shorthand nor type/subtype: undefined", () => {
    expect(contentTypeFor("nonsense")).toBeUndefined();
  });
});

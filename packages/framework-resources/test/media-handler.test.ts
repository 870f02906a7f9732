import { describe, expect, test } from "vitest";
import { essenceOf, MAX_NEGOTIATION_CACHE_ENTRIES, MediaHandlers } from "../src/media-handler.js";
import type { MediaHandler } from "../src/media-handler.js";

const handler = (name: string): MediaHandler => ({ deserialize: () => name, serialize: () => name });

describe("essenceOf", () => {
  test("drops parameters and lower-cases (RFC 9110 §8.3.1)", () => {
    expect(essenceOf(" Application/JSON ; charset=UTF-8")).toBe("application/json");
    expect(essenceOf("text/plain")).toBe("text/plain");
  });
});

describe("MediaHandlers", () => {
  test("set, get, delete and types in registration order, case-insensitively", () => {
    const json = handler("json");
    const media = new MediaHandlers().set("Application/JSON", json).set("text/csv", handler("csv"));
    expect(media.types).toEqual(["application/json", "text/csv"]);
    expect(media.get("application/json")).toBe(json);
    media.set("application/json", handler("json2"));
    expect(media.types).toEqual(["application/json", "text/csv"]);
    expect(media.delete("TEXT/CSV")).toBe(true);
    expect(media.delete("text/csv")).toBe(false);
    expect(media.types).toEqual(["application/json"]);
  });

  test("refuses a media type with parameters, a wildcard-free bad token, or a handler without methods", () => {
    const media = new MediaHandlers();
    expect(() => media.set("application/json; charset=utf-8", handler("x"))).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_INVALID_MEDIA_TYPE" }));
    expect(() => media.set("json", handler("x"))).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_INVALID_MEDIA_TYPE" }));
    expect(() => media.set("text/x", { deserialize: () => 1 } as unknown as MediaHandler)).toThrow(/deserialize\(\) and serialize\(\)/);
  });

  test("forContentType: exact essence, then the structured suffix's application/<suffix>", () => {
    const json = handler("json");
    const media = new MediaHandlers().set("application/json", json);
    expect(media.forContentType("application/json; charset=utf-8")).toEqual({ mediaType: "application/json", handler: json });
    expect(media.forContentType("application/vnd.api+json")).toEqual({ mediaType: "application/json", handler: json });
    expect(media.forContentType("application/xml")).toBeUndefined();
    expect(media.forContentType("application/atom+xml")).toBeUndefined();
  });

  test("negotiate: no Accept or */* gives the first type; q-values and wildcards are honoured; nothing acceptable gives undefined", () => {
    const media = new MediaHandlers().set("application/json", handler("json")).set("text/csv", handler("csv"));
    expect(media.negotiate(undefined)).toBe("application/json");
    expect(media.negotiate("")).toBe("application/json");
    expect(media.negotiate("*/*")).toBe("application/json");
    expect(media.negotiate("text/csv, application/json;q=0.1")).toBe("text/csv");
    expect(media.negotiate("text/*")).toBe("text/csv");
    expect(media.negotiate("application/json;q=0, */*;q=0.5")).toBe("text/csv");
    expect(media.negotiate("image/png")).toBeUndefined();
  });

  test("negotiate results are cached per Accept value and forgotten when handlers change", () => {
    const media = new MediaHandlers().set("application/json", handler("json"));
    expect(media.negotiate("text/csv")).toBeUndefined();
    media.set("text/csv", handler("csv"));
    expect(media.negotiate("text/csv")).toBe("text/csv");
    media.delete("text/csv");
    expect(media.negotiate("text/csv")).toBeUndefined();
  });

  test("the cache stays bounded under many distinct Accept values and still answers right", () => {
    const media = new MediaHandlers().set("application/json", handler("json"));
    for (let index = 0; index < MAX_NEGOTIATION_CACHE_ENTRIES * 3; index++) {
      expect(media.negotiate(`application/json;q=0.${index % 9 + 1}, x/y${index}`)).toBe("application/json");
    }
    expect(media.negotiate("text/html")).toBeUndefined();
  });
});

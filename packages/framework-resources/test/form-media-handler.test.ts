import { expect, test } from "vitest";
import { formMediaHandler } from "../src/form-media-handler.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const TYPE = "application/x-www-form-urlencoded";

test("parses fields, decoding + and percent escapes; repeated fields become arrays", () => {
  expect(formMediaHandler.deserialize(bytes("message=hi+there%21&tag=a&tag=b&tag=c&empty="), TYPE)).toEqual({ message: "hi there!", tag: ["a", "b", "c"], empty: "" });
  expect(formMediaHandler.deserialize(bytes("name=J%C3%BCrgen"), TYPE)).toEqual({ name: "Jürgen" });
});

test("an empty body is an empty form", () => {
  expect(formMediaHandler.deserialize(new Uint8Array(0), TYPE)).toEqual({});
});

test("serializes scalars and arrays, skipping undefined", () => {
  expect(formMediaHandler.serialize({ a: "x y", n: 1, ok: true, tags: ["p", "q"], gone: undefined }, TYPE)).toBe("a=x+y&n=1&ok=true&tags=p&tags=q");
});

test("refuses what a form cannot carry", () => {
  expect(() => formMediaHandler.serialize({ nested: { a: 1 } }, TYPE)).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_UNSERIALIZABLE_MEDIA" }));
  expect(() => formMediaHandler.serialize("text", TYPE)).toThrow(/object of fields/);
});

// parseNoteInput: what a note body may be, and the 422 for everything else.
import { describe, expect, it } from "vitest";
import { HTTPError } from "@patchbay/framework-resources";
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, parseNoteInput } from "../src/note-input.js";

function statusOf(value: unknown): number | undefined {
  try {
    parseNoteInput(value);
    return undefined;
  } catch (error) {
    return error instanceof HTTPError ? error.status : -1;
  }
}

describe("parseNoteInput", () => {
  it("trims the title and defaults the body to an empty string", () => {
    expect(parseNoteInput({ title: "  hello  " })).toEqual({ title: "hello", body: "" });
    expect(parseNoteInput({ title: "t", body: " kept as is " })).toEqual({ title: "t", body: " kept as is " });
  });

  it.each([
    ["an array", [{ title: "t" }]],
    ["null", null],
    ["a string", "title"],
    ["a missing title", { body: "b" }],
    ["a blank title", { title: "   " }],
    ["a numeric title", { title: 7 }],
    ["a numeric body", { title: "t", body: 7 }],
    ["a title too long", { title: "t".repeat(MAX_TITLE_LENGTH + 1) }],
    ["a body too long", { title: "t", body: "b".repeat(MAX_BODY_LENGTH + 1) }],
  ])("refuses %s with 422", (_label, value) => {
    expect(statusOf(value)).toBe(422);
  });
});

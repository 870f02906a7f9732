// checkEntryForm: trimming, line breaks, limits, and the problems it reports.
import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_LENGTH, MAX_NAME_LENGTH, checkEntryForm } from "../src/entry-form.js";

function formOf(fields: Record<string, string[]>): (name: string) => string[] {
  return (name) => fields[name] ?? [];
}

describe("checkEntryForm", () => {
  it("accepts a name and a message, trimmed, with CRLF turned into LF", () => {
    expect(checkEntryForm(formOf({ name: ["  Ada "], message: ["line one\r\nline two\r\n"] }))).toEqual({
      ok: true,
      input: { name: "Ada", message: "line one\nline two" },
    });
  });

  it("reports every missing field at once and keeps what was typed", () => {
    expect(checkEntryForm(formOf({ name: [" "], message: [] }))).toEqual({
      ok: false,
      problems: ["Please give your name.", "Please write a message."],
      values: { name: "", message: "" },
    });
  });

  it("refuses a field sent twice (a hand-made request) as empty", () => {
    const result = checkEntryForm(formOf({ name: ["a", "b"], message: ["m"] }));
    expect(result).toMatchObject({ ok: false, problems: ["Please give your name."] });
  });

  it("refuses a name or a message over its limit", () => {
    const result = checkEntryForm(formOf({ name: ["n".repeat(MAX_NAME_LENGTH + 1)], message: ["m".repeat(MAX_MESSAGE_LENGTH + 1)] }));
    expect(result).toMatchObject({
      ok: false,
      problems: [`Your name can be at most ${MAX_NAME_LENGTH} characters.`, `Your message can be at most ${MAX_MESSAGE_LENGTH} characters.`],
    });
    expect(checkEntryForm(formOf({ name: ["n".repeat(MAX_NAME_LENGTH)], message: ["m".repeat(MAX_MESSAGE_LENGTH)] })).ok).toBe(true);
  });
});

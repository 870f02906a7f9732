import { describe, expect, test } from "vitest";
import { BUILT_IN_CONVERTERS } from "../src/converters.js";
import { compileTemplate } from "../src/uri-template.js";

const compile = (template: string) => compileTemplate(template, BUILT_IN_CONVERTERS);

describe("compileTemplate", () => {
  test("splits into static, field, compound and path segments, with field names in order", () => {
    const compiled = compile("/repos/{owner}/{id:int(min=1)}/v{major:int}.{minor:int}/{rest:path}");
    expect(compiled.segments.map((segment) => segment.kind)).toEqual(["static", "field", "field", "compound", "path"]);
    expect(compiled.fieldNames).toEqual(["owner", "id", "major", "minor", "rest"]);
  });

  test("a whole-segment field keeps its converter; a plain field has none", () => {
    const [plain, converted] = compile("/{name}/{id:int}").segments;
    expect(plain?.kind === "field" && plain.field.convert).toBe(undefined);
    expect(converted?.kind === "field" && converted.field.convert?.("12")).toBe(12);
  });

  test("a compound segment is one anchored pattern with escaped literals", () => {
    const segment = compile("/files/{name}.{ext}").segments[1];
    if (segment?.kind !== "compound") throw new Error("expected a compound segment");
    expect(segment.pattern.exec("report.final.pdf")?.slice(1)).toEqual(["report", "final.pdf"]);
    expect(segment.pattern.test("reportXpdf")).toBe(false);
  });

  test("the root and a trailing slash are segments of their own", () => {
    expect(compile("/").segments).toEqual([{ kind: "static", source: "", text: "" }]);
    expect(compile("/things/").segments.map((segment) => segment.source)).toEqual(["things", ""]);
  });

  test("converter arguments are name=value pairs, spaces allowed", () => {
    const segment = compile("/{n:int( min = 2 , max=3 )}").segments[0];
    const convert = segment?.kind === "field" ? segment.field.convert : undefined;
    expect([convert?.("1"), convert?.("2"), convert?.("4")]).toEqual([undefined, 2, undefined]);
  });

  test.each([
    ["things", "must start"],
    ["/things?x=1", "no query"],
    ["/{id", "unbalanced braces"],
    ["/id}", "unbalanced braces"],
    ["/{1id}", "a field is"],
    ["/{}", "a field is"],
    ["/{a}/{a}", 'field "a" appears twice'],
    ["/{rest:path}/more", "whole last segment"],
    ["/x{rest:path}", "whole last segment"],
    ["/{rest:path(x=1)}", "takes no arguments"],
    ["/{n:int(3)}", "name=value"],
  ])("refuses %s", (template, reason) => {
    expect(() => compile(template)).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_INVALID_TEMPLATE", message: expect.stringContaining(reason) as unknown }));
  });

  test("an unknown converter names the known ones", () => {
    expect(() => compile("/{d:date}")).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_UNKNOWN_CONVERTER", message: expect.stringContaining("known: path, int, float, uuid") as unknown }));
  });

  test("a custom converter receives its parsed arguments", () => {
    let received: unknown;
    const converters = new Map([["slug", (args: Readonly<Record<string, string>>) => ((received = args), (segment: string) => segment)]]);
    compileTemplate("/{s:slug(max=20, style=kebab)}", converters);
    expect(received).toEqual({ max: "20", style: "kebab" });
  });
});

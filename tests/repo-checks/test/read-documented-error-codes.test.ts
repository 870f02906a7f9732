import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { findDeclaredErrorCodes, findErrorCodes, isErrorDeclarationFile } from "../src/find-error-codes.js";
import { readDocumentedErrorCodes } from "../src/read-documented-error-codes.js";
import { ROOT, WORKSPACE_SOURCES } from "./repository.js";

describe("readDocumentedErrorCodes", () => {
  test("files each table code under its level-2 package section, subsections included", () => {
    const markdown = [
      "# Error codes",
      "| `ERR_STRAY` | x |",
      "## @patchbay/gateway",
      "| code | class |",
      "| --- | --- |",
      "| `ERR_GATEWAY_A` | `GatewayError` |",
      "### @patchbay/gateway/static",
      "| `ERR_STATIC_B` | `StaticError` | also see `ERR_GATEWAY_C` |",
      "## @patchbay/server-loop",
      "Prose naming `ERR_LOOP_PROSE` is not a row.",
      "| `ERR_GATEWAY_A` | listed twice |",
    ].join("\n");
    expect(Object.fromEntries(readDocumentedErrorCodes(markdown))).toEqual({
      ERR_STRAY: [""],
      ERR_GATEWAY_A: ["@patchbay/gateway", "@patchbay/server-loop"],
      ERR_STATIC_B: ["@patchbay/gateway"],
    });
  });
});

describe("the repository's docs/errors.md", () => {
  const documented = readDocumentedErrorCodes(readFileSync(join(ROOT, "docs", "errors.md"), "utf8"));
  const packageSources = WORKSPACE_SOURCES.filter(
    (source) => source.workspacePackage.relativeDirectory.startsWith("packages/") && source.packagePath.startsWith("src/"),
  );

  test("lists every error code that appears in packages/*/src", () => {
    const used = new Map<string, string>();
    for (const source of packageSources) for (const code of findErrorCodes(source.text)) if (!used.has(code)) used.set(code, source.relativePath);
    expect(used.size).toBeGreaterThan(0);
    const missing = [...used].filter(([code]) => !documented.has(code)).map(([code, path]) => `${code} (first seen in ${path})`);
    expect(missing).toEqual([]);
  });

  test("lists each code once, under the package that declares it", () => {
    const declarer = new Map<string, string>();
    for (const source of packageSources) {
      if (!isErrorDeclarationFile(source.path, source.text)) continue;
      for (const code of findDeclaredErrorCodes(source.text)) declarer.set(code, source.workspacePackage.name);
    }
    const misplaced = [...documented]
      .filter(([code, sections]) => sections.length !== 1 || sections[0] !== declarer.get(code))
      .map(([code, sections]) => `${code}: listed under [${sections.join(", ")}], declared by ${declarer.get(code) ?? "no package"}`);
    expect(misplaced).toEqual([]);
  });
});

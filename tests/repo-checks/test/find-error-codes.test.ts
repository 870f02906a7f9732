import { describe, expect, test } from "vitest";
import { findDeclaredErrorCodes, findErrorCodes, isErrorDeclarationFile } from "../src/find-error-codes.js";
import { WORKSPACE_SOURCES } from "./repository.js";

describe("findErrorCodes", () => {
  test("finds distinct codes, sorted, and not inside longer identifiers", () => {
    const text = 'throw new E("ERR_LOOP_INVALID_STATE"); // see ERR_KIT_USAGE\nexport { STDERR_ERROR_STREAM, myERR_NOT_A_CODE, ERR_NOT_A_CODEx }; "ERR_KIT_USAGE"';
    expect(findErrorCodes(text)).toEqual(["ERR_KIT_USAGE", "ERR_LOOP_INVALID_STATE"]);
  });
});

describe("isErrorDeclarationFile and findDeclaredErrorCodes", () => {
  test("an errors.ts or a file defining an error class declares; others only use codes", () => {
    expect(isErrorDeclarationFile("/p/src/errors.ts", "")).toBe(true);
    expect(isErrorDeclarationFile("/p/src/http-error.ts", "export class HttpError extends GatewayError<\"ERR_X_HTTP\"> {}")).toBe(true);
    expect(isErrorDeclarationFile("/p/src/read-body.ts", 'if (error.code === "ERR_GATEWAY_INPUT_INCOMPLETE") return;')).toBe(false);
    expect(isErrorDeclarationFile("/p/src/note.ts", "// class A extends GatewayError {}")).toBe(false);
  });

  test("codes named only in comments are not declared", () => {
    expect(findDeclaredErrorCodes('// like ERR_KIT_USAGE\nexport type Code = "ERR_LOOP_LISTEN_FAILED";')).toEqual(["ERR_LOOP_LISTEN_FAILED"]);
  });
});

describe("the repository", () => {
  test("no error code is declared by two packages", () => {
    const declaredBy = new Map<string, Set<string>>();
    for (const source of WORKSPACE_SOURCES) {
      if (!source.workspacePackage.relativeDirectory.startsWith("packages/") || !source.packagePath.startsWith("src/")) continue;
      if (!isErrorDeclarationFile(source.path, source.text)) continue;
      for (const code of findDeclaredErrorCodes(source.text)) {
        declaredBy.set(code, (declaredBy.get(code) ?? new Set()).add(source.workspacePackage.name));
      }
    }
    expect(declaredBy.size).toBeGreaterThan(0);
    const duplicates = [...declaredBy].filter(([, packages]) => packages.size > 1).map(([code, packages]) => `${code}: ${[...packages].join(", ")}`);
    expect(duplicates).toEqual([]);
  });
});

import { describe, expect, test } from "vitest";
import { WORKSPACE_SOURCES } from "./repository.js";

describe("readWorkspaceSources on the repository", () => {
  test("tags each file with its package and paths relative to the root and to the package", () => {
    const barrel = WORKSPACE_SOURCES.find((source) => source.relativePath === "packages/gateway/src/index.ts");
    expect(barrel?.packagePath).toBe("src/index.ts");
    expect(barrel?.workspacePackage.name).toBe("@patchbay/gateway");
    expect(barrel?.text).toContain("GatewayError");
  });
});

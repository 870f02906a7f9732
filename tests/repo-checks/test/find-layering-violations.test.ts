import { describe, expect, test } from "vitest";
import { findLayeringViolations, packageRole } from "../src/find-layering-violations.js";
import type { PackageManifest, WorkspacePackage } from "../src/list-workspace-packages.js";
import { WORKSPACE_PACKAGES } from "./repository.js";

function workspacePackage(relativeDirectory: string, manifest: PackageManifest = {}): WorkspacePackage {
  const name = `@patchbay/${relativeDirectory.split("/").pop() ?? ""}`;
  return { name, relativeDirectory, directory: `/repository/${relativeDirectory}`, manifest: { name, ...manifest } };
}

const onGateway = { dependencies: { "@patchbay/gateway": "workspace:*" } };

describe("packageRole", () => {
  test("reads the role from the folder and the private flag", () => {
    const roles = ["packages/gateway", "packages/server-loop", "packages/server-kit", "packages/framework-chain", "packages/other"].map((folder) => packageRole(workspacePackage(folder)));
    expect(roles).toEqual(["gateway", "server", "server", "framework", "library"]);
    expect(packageRole(workspacePackage("tests/matrix", { private: true }))).toBe("private");
  });
});

describe("findLayeringViolations", () => {
  test("accepts gateway <- servers and frameworks, server <- server, and private packages on anything", () => {
    const packages = [
      workspacePackage("packages/gateway"),
      workspacePackage("packages/server-loop", onGateway),
      workspacePackage("packages/server-cluster", { dependencies: { "@patchbay/gateway": "workspace:*", "@patchbay/server-loop": "workspace:*" }, devDependencies: { "@patchbay/conformance": "workspace:*" } }),
      workspacePackage("packages/framework-chain", onGateway),
      workspacePackage("tests/conformance", { private: true, dependencies: { "@patchbay/gateway": "workspace:*" } }),
      workspacePackage("tests/matrix", { private: true, dependencies: { "@patchbay/server-loop": "workspace:*", "@patchbay/framework-chain": "workspace:*" } }),
    ];
    expect(findLayeringViolations(packages)).toEqual([]);
  });

  test("reports each dependency that runs the wrong way", () => {
    const packages = [
      workspacePackage("packages/gateway", { devDependencies: { "@patchbay/server-loop": "workspace:*" } }),
      workspacePackage("packages/server-loop", { dependencies: { "@patchbay/framework-chain": "workspace:*" } }),
      workspacePackage("packages/framework-chain", { dependencies: { "@patchbay/server-loop": "workspace:*", "@patchbay/framework-routes": "workspace:*" } }),
      workspacePackage("packages/framework-routes", onGateway),
      workspacePackage("packages/server-socket", { dependencies: { "@patchbay/conformance": "workspace:*" } }),
      workspacePackage("tests/conformance", { private: true }),
    ];
    expect(findLayeringViolations(packages)).toEqual([
      "@patchbay/gateway (gateway) depends on @patchbay/server-loop (server): the gateway depends on no workspace package",
      "@patchbay/server-loop (server) depends on @patchbay/framework-chain (framework): servers and libraries never depend on a framework",
      "@patchbay/framework-chain (framework) depends on @patchbay/framework-routes (framework): a framework depends only on the gateway",
      "@patchbay/framework-chain (framework) depends on @patchbay/server-loop (server): a framework depends only on the gateway",
      "@patchbay/server-socket needs the private @patchbay/conformance at runtime: move it to devDependencies",
    ]);
  });
});

describe("the repository", () => {
  test("dependencies run gateway <- servers, frameworks; no framework on a server, no server on a framework", () => {
    expect(findLayeringViolations(WORKSPACE_PACKAGES)).toEqual([]);
  });
});

import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildWorkspaceDependencies } from "../src/build-workspace-dependencies.js";

/** No workspace package has this name, so turbo fails at once without building anything. */
const NO_SUCH_PACKAGE = "@patchbay/no-such-package";
const EXISTING_FILE = fileURLToPath(import.meta.url);
const MISSING_FILE = fileURLToPath(new URL("fixtures/missing/dist/bin.js", import.meta.url));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("buildWorkspaceDependencies", () => {
  it("throws with turbo's output when the build fails and there is nothing to fall back on", () => {
    expect(() => buildWorkspaceDependencies(NO_SUCH_PACKAGE)).toThrow(/^building the dependencies of @patchbay\/no-such-package failed:\n/);
  });

  it("names the missing fallback files when the build fails", () => {
    expect(() => buildWorkspaceDependencies(NO_SUCH_PACKAGE, { fallbackFiles: [EXISTING_FILE, MISSING_FILE] })).toThrow(`failed and ${MISSING_FILE} is missing:\n`);
  });

  it("warns and goes on when the build fails but every fallback file exists", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    buildWorkspaceDependencies(NO_SUCH_PACKAGE, { fallbackFiles: [EXISTING_FILE] });
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^@patchbay\/no-such-package: building the dependencies failed; testing with the existing dist\/ folders:\n/);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readChangesetPackages } from "../src/read-changeset-packages.js";
import { PUBLISHED_PACKAGES, ROOT } from "./repository.js";

describe("readChangesetPackages", () => {
  test("reads every package of the front matter", () => {
    const changeset = '---\n"@patchbay/gateway": minor\n\'@patchbay/server-loop\': patch\n---\n\nA sentence about "@patchbay/framework-chain": minor.\n';
    expect(readChangesetPackages(changeset)).toEqual(["@patchbay/gateway", "@patchbay/server-loop"]);
  });

  test("names none without front matter", () => {
    expect(readChangesetPackages("# Changesets\n\n@patchbay/gateway is mentioned here only.\n")).toEqual([]);
  });
});

describe("the repository", () => {
  test("every package under packages/ has a changeset in .changeset/", () => {
    const directory = join(ROOT, ".changeset");
    const mentioned = new Set(
      readdirSync(directory)
        .filter((name) => name.endsWith(".md"))
        .flatMap((name) => readChangesetPackages(readFileSync(join(directory, name), "utf8"))),
    );
    const missing = PUBLISHED_PACKAGES.filter((workspacePackage) => !mentioned.has(workspacePackage.name)).map(
      (workspacePackage) => `${workspacePackage.name}: no .changeset/*.md names it`,
    );
    expect(missing).toEqual([]);
  });
});

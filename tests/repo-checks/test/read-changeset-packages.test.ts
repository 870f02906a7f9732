import { describe, expect, test } from "vitest";
import { readChangesetPackages } from "../src/read-changeset-packages.js";

describe("readChangesetPackages", () => {
  test("reads every package of the front matter", () => {
    const changeset = '---\n"@patchbay/gateway": minor\n\'@patchbay/server-loop\': patch\n---\n\nA sentence about "@patchbay/framework-chain": minor.\n';
    expect(readChangesetPackages(changeset)).toEqual(["@patchbay/gateway", "@patchbay/server-loop"]);
  });

  test("names none without front matter", () => {
    expect(readChangesetPackages("# Changesets\n\n@patchbay/gateway is mentioned here only.\n")).toEqual([]);
  });
});

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { hasTsCodeBlock } from "../src/has-ts-code-block.js";
import { PUBLISHED_PACKAGES } from "./repository.js";

describe("hasTsCodeBlock", () => {
  test("finds a ts or typescript fence", () => {
    expect(hasTsCodeBlock("# x\n\n```ts\nconst a = 1;\n```\n")).toBe(true);
    expect(hasTsCodeBlock("```typescript\nconst a = 1;\n```")).toBe(true);
  });

  test("refuses other languages, inline mentions and no fence", () => {
    expect(hasTsCodeBlock("```sh\npnpm add x\n```\n```tsx\n<a/>\n```")).toBe(false);
    expect(hasTsCodeBlock("Use ```ts fences``` in text")).toBe(false);
    expect(hasTsCodeBlock("no code at all")).toBe(false);
  });
});

describe("the repository", () => {
  test("every package under packages/ has a README.md with a ts example", () => {
    const problems = PUBLISHED_PACKAGES.flatMap((workspacePackage) => {
      const readme = join(workspacePackage.directory, "README.md");
      if (!existsSync(readme)) return [`${workspacePackage.relativeDirectory}: no README.md`];
      return hasTsCodeBlock(readFileSync(readme, "utf8")) ? [] : [`${workspacePackage.relativeDirectory}/README.md: no \`\`\`ts code block`];
    });
    expect(problems).toEqual([]);
  });
});

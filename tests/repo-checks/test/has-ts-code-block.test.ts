import { describe, expect, test } from "vitest";
import { hasTsCodeBlock } from "../src/has-ts-code-block.js";

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

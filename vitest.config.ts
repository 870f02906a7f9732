import { defineConfig } from "vitest/config";

// One run over every workspace project; each has its own vitest.config.ts (defineProject).
export default defineConfig({
  test: {
    projects: ["packages/*", "tests/*", "examples/*"],
  },
});

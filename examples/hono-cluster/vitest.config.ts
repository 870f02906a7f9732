import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    name: "hono-cluster",
    environment: "node",
    include: ["test/**/*.test.ts"],
    // server-cluster's worker processes run the packages' dist/: build them once before the tests.
    globalSetup: ["test/fixtures/build-dependencies.ts"],
  },
});

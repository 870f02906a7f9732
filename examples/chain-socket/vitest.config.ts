import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: { name: "chain-socket", environment: "node", include: ["test/**/*.test.ts"] },
});

import { defineProject } from "vitest/config";

// Real sockets and multi-megabyte bodies on a shared 2-core machine: a cell's test may take seconds, never minutes.
const MATRIX_TEST_TIMEOUT_MS = 30_000;
// Starting a server (a cluster forks workers and loads apps through tsx) before a row's tests.
const MATRIX_HOOK_TIMEOUT_MS = 30_000;

export default defineProject({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    name: "matrix",
    environment: "node",
    include: ["test/**/*.test.ts"],
    testTimeout: MATRIX_TEST_TIMEOUT_MS,
    hookTimeout: MATRIX_HOOK_TIMEOUT_MS,
  },
});

// The export-surface test of @patchbay/server-cluster: the only snapshot test, so any change to the public surface shows up in review.
import { expect, test } from "vitest";

test("the runtime exports of @patchbay/server-cluster", async () => {
  expect(Object.keys(await import("../src/index.js")).sort()).toMatchInlineSnapshot(`
    [
      "Arbiter",
      "CLUSTER_FLAGS",
      "ClusterError",
      "DEFAULT_WORKER_TIMEOUT_MS",
      "EARLY_EXIT_MS",
      "EXIT_BOOT_ERROR",
      "EXIT_BOOT_FAILED",
      "EXIT_STOPPED",
      "HEARTBEAT_INTERVAL_MS",
      "KEEP_ALIVE_DRAIN_MS",
      "RESPAWN_BACKOFF_BASE_MS",
      "RESPAWN_BACKOFF_MAX_MS",
      "SIGNAL_TABLE",
      "WORKER_CONFIG_VARIABLE",
      "clusterOptionsFromCommandLine",
      "createWorkerServer",
      "decodeWorkerConfig",
      "encodeWorkerConfig",
      "installSignalHandlers",
      "isPrimaryMessage",
      "isWorkerMessage",
      "pickMaxRequests",
      "resolveClusterOptions",
      "respawnDelayMs",
      "runWorker",
      "startCluster",
      "startKeepAliveDrain",
      "startStatsServer",
    ]
  `);
});

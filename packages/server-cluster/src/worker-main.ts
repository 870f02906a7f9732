/** The module node:cluster runs in each worker process: reads the configuration and runs the worker. Nothing else. */
import { decodeWorkerConfig, WORKER_CONFIG_VARIABLE } from "./worker-config.js";
import { runWorker } from "./worker.js";

await runWorker(decodeWorkerConfig(process.env[WORKER_CONFIG_VARIABLE]));

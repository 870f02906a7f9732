// The shared server conformance suite against a worker's server (engine + request counting + keep-alive drain).
// The suite hands createServer an in-memory Application, which cannot cross into a spawned worker process, so it
// runs the very factory each worker runs, in this process; the spawned cluster is covered by arbiter/signals tests.
import { defineServerConformance } from "@patchbay/conformance";
import type { CreateServer } from "@patchbay/server-kit";
import { createServer as createLoopServer } from "@patchbay/server-loop";
import { createWorkerServer } from "../src/worker-server.js";

const createServer: CreateServer = (app, options = {}) => createWorkerServer(app, options, { engine: createLoopServer });

defineServerConformance({ name: "server-cluster worker (loop engine)", createServer });

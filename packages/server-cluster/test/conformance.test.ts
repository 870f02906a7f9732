// The shared server conformance suite against a worker's server (engine + request counting + drain hook).
// The suite hands createServer an in-memory Application, which cannot cross into a spawned worker process, so it
// runs the very factory each worker runs, in this process; the spawned cluster is covered by arbiter/signals tests.
// The socket engine runs this suite in its own package; `--engine socket` is smoke-tested in arbiter.test.ts.
import { defineServerConformance } from "@patchbay/conformance";
import type { CreateServer } from "@patchbay/server-kit";
import { createServer as createLoopServer } from "@patchbay/server-loop";
import { createWorkerServer } from "../src/worker-server.js";

const createServer: CreateServer = (app, options = {}) => createWorkerServer(app, options, { engine: createLoopServer });

defineServerConformance({ name: "server-cluster worker (loop engine)", createServer });

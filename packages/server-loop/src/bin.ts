/** The patchbay-loop command: server-kit's shared command line, running server-loop. */
import { readFile } from "node:fs/promises";
import { runServerCli } from "@patchbay/server-kit";
import { createServer } from "./server.js";

const packageJson = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

process.exit(await runServerCli({ name: "patchbay-loop", version: packageJson.version, createServer }));

/** The patchbay-socket command: server-kit's shared command line, running server-socket. */
import { readFile } from "node:fs/promises";
import { runServerCli } from "@patchbay/server-kit";
import { createServer } from "./server.js";

const packageJson = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

process.exit(await runServerCli({ name: "patchbay-socket", version: packageJson.version, createServer }));

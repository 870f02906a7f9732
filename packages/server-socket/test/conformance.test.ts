// The shared server conformance suite, run against server-socket exactly as against server-loop.
import { defineServerConformance } from "@patchbay/conformance";
import { createServer } from "../src/server.js";

defineServerConformance({ name: "server-socket", createServer });

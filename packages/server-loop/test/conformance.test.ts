// server-loop runs the shared server conformance suite (tests/conformance).
import { defineServerConformance } from "@patchbay/conformance";
import { createServer } from "../src/index.js";

defineServerConformance({ name: "server-loop", createServer });

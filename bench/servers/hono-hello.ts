// Baseline: hono on @hono/node-server answering the hello route.
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { HELLO_PATH, HELLO_TEXT } from "../apps/hello-response.js";
import { announceListening, BASELINE_KEEP_ALIVE_MS } from "./announce-listening.js";

const hono = new Hono();
hono.get(HELLO_PATH, (context) => context.text(HELLO_TEXT));
const server = serve({ fetch: hono.fetch, hostname: "127.0.0.1", port: 0 }, () => announceListening(server as Server)) as Server;
server.keepAliveTimeout = BASELINE_KEEP_ALIVE_MS;
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});

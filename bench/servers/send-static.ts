// Baseline: send on node:http serving the bench's static folder (argv[2] is its parent, so URLs are /static/…).
import { createServer } from "node:http";
import send from "send";
import { announceListening, BASELINE_KEEP_ALIVE_MS } from "./announce-listening.js";

const root = process.argv[2];
if (root === undefined) throw new Error("usage: send-static.ts ROOT");
const server = createServer((request, response) => {
  send(request, new URL(request.url ?? "/", "http://localhost").pathname, { root }).pipe(response);
});
server.keepAliveTimeout = BASELINE_KEEP_ALIVE_MS;
server.listen(0, "127.0.0.1", () => announceListening(server));
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});

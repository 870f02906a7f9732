// Baseline: sirv on node:http serving the bench's static folder (argv[2] is its parent, so URLs are /static/…).
import { createServer } from "node:http";
import sirv from "sirv";
import { announceListening, BASELINE_KEEP_ALIVE_MS } from "./announce-listening.js";

const root = process.argv[2];
if (root === undefined) throw new Error("usage: sirv-static.ts ROOT");
// etag on: the patchbay servers send ETag too; dev off (the default) caches the file list at start.
const serveFiles = sirv(root, { etag: true });
const server = createServer((request, response) => {
  serveFiles(request, response, () => {
    response.writeHead(404, { "Content-Length": "0" });
    response.end();
  });
});
server.keepAliveTimeout = BASELINE_KEEP_ALIVE_MS;
server.listen(0, "127.0.0.1", () => announceListening(server));
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});

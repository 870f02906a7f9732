// Baseline: plain node:http answering the hello route, the denominator of every ratio in the report.
import { createServer } from "node:http";
import { HELLO_PATH, HELLO_TEXT } from "../apps/hello-response.js";
import { announceListening, BASELINE_KEEP_ALIVE_MS } from "./announce-listening.js";

const HELLO_BYTES = Buffer.from(HELLO_TEXT, "utf8");
const HELLO_HEADERS = { "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(HELLO_BYTES.length) };

const server = createServer((request, response) => {
  if (request.url === HELLO_PATH) {
    response.writeHead(200, HELLO_HEADERS);
    response.end(HELLO_BYTES);
    return;
  }
  response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": "10" });
  response.end("Not Found\n");
});
server.keepAliveTimeout = BASELINE_KEEP_ALIVE_MS;
server.maxConnections = Infinity;
server.listen(0, "127.0.0.1", () => announceListening(server));
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});

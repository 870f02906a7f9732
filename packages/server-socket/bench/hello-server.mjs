// Benchmark target: a hello-world server on 127.0.0.1 port 0, server-socket or plain node:http
// (`node hello-server.mjs socket|http`). Prints the port on stdout; on SIGTERM prints the CPU time it used
// (process.cpuUsage, microseconds, as JSON) and stops. Run `tsc -b` first.
import { createServer as createHttpServer } from "node:http";
import { serve } from "../dist/index.js";

const HELLO = Buffer.from("Hello, World!");
/** Printed on stop: the server's own CPU time, so a client-bound run still compares the servers' cost. */
const reportCpu = () => process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`);
const kind = process.argv[2];

if (kind === "http") {
  const server = createHttpServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/plain", "Content-Length": HELLO.length });
    response.end(HELLO);
  });
  // node:http's default keep-alive timeout (5 s) matches server-socket's.
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
  process.once("SIGTERM", () => {
    reportCpu();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
} else if (kind === "socket") {
  const silent = { level: "critical", debug() {}, info() {}, warning() {}, error() {} };
  const app = (environ, startResponse) => {
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [HELLO];
  };
  const server = await serve(app, { host: "127.0.0.1", port: 0, logger: silent });
  process.stdout.write(`${server.addresses[0].port}\n`);
  process.once("SIGTERM", () => {
    reportCpu();
    void server.destroy().then(() => process.exit(0));
  });
} else {
  process.stderr.write("usage: node hello-server.mjs socket|http\n");
  process.exit(2);
}

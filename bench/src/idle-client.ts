// A child process that opens N keep-alive connections to a server, makes one request on each, then holds them idle.
// Run as `node --import tsx idle-client.ts PORT COUNT BUDGET_MS`; it talks to the bench only through stdout/stdin.
import { connect, type Socket } from "node:net";
import { HELLO_PATH } from "../apps/hello-response.js";
import { IDLE_HELD_MARKER, IDLE_OPENED_MARKER } from "./idle-protocol.js";

/** Connections being opened at once. */
const OPEN_CONCURRENCY = 200;
const REQUEST = Buffer.from(`GET ${HELLO_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, "latin1");

function openOne(port: number, sockets: Set<Socket>): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let answered = false;
    socket.once("connect", () => socket.write(REQUEST));
    // One response is a few hundred bytes and arrives in one read: the first read means "answered, now idle".
    socket.once("data", () => {
      answered = true;
      sockets.add(socket);
      resolve(true);
    });
    socket.on("error", () => undefined);
    socket.once("close", () => {
      sockets.delete(socket);
      if (!answered) resolve(false);
    });
  });
}

async function main(): Promise<void> {
  const [port, count, budgetMs] = process.argv.slice(2).map(Number) as [number, number, number];
  const sockets = new Set<Socket>();
  const started = Date.now();
  const deadline = started + budgetMs;
  let next = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < count && Date.now() < deadline) {
      next++;
      if (!(await openOne(port, sockets))) failed++;
    }
  };
  await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, worker));
  process.stdout.write(`${IDLE_OPENED_MARKER}${JSON.stringify({ opened: sockets.size, failed, openMs: Date.now() - started })}\n`);
  process.stdin.once("data", () => {
    process.stdout.write(`${IDLE_HELD_MARKER}${JSON.stringify({ held: sockets.size })}\n`, () => {
      for (const socket of sockets) socket.destroy();
      process.exit(0);
    });
  });
}

await main();

// Baseline ceiling: node:net answering every request with a fixed response, without parsing HTTP (issue 4).
import { createServer } from "node:net";
import { HELLO_TEXT } from "../apps/hello-response.js";
import { announceListening } from "./announce-listening.js";

const FIXED_RESPONSE = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${HELLO_TEXT.length}\r\n\r\n${HELLO_TEXT}`, "latin1");
/** CR LF CR LF ends a request head (RFC 9112 §2.1); the only thing this server looks for. */
const HEAD_END = 0x0d0a0d0a;
const MAX_BATCH = 64;
const batches: Buffer[] = [Buffer.alloc(0)];
for (let count = 1; count <= MAX_BATCH; count++) batches.push(Buffer.concat(Array.from({ length: count }, () => FIXED_RESPONSE)));

const server = createServer((socket) => {
  // The last 3 bytes of the previous read, so a head end split across reads is still seen.
  let window = 0;
  socket.setNoDelay(true);
  socket.on("data", (data: Buffer) => {
    let requests = 0;
    for (let index = 0; index < data.length; index++) {
      window = ((window << 8) | (data[index] as number)) >>> 0;
      if (window === HEAD_END) requests++;
    }
    while (requests > 0) {
      const count = Math.min(requests, MAX_BATCH);
      socket.write(batches[count] as Buffer);
      requests -= count;
    }
  });
  socket.on("error", () => socket.destroy());
});
server.listen(0, "127.0.0.1", () => announceListening(server));
process.once("SIGTERM", () => process.exit(0));

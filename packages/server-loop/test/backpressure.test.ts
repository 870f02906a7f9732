import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURES, killBins, startBin } from "./bin-process.js";

/** The body the fixture streams. */
const TOTAL_BYTES = 100 * 1024 * 1024;
/** The bound: streaming 100 MB to a slow reader must not grow the server's RSS by this much. */
const MAX_RSS_GROWTH_BYTES = 32 * 1024 * 1024;
/** The client reads this much, then stops reading for PAUSE_MS, again and again. */
const READ_BURST_BYTES = 8 * 1024 * 1024;
const PAUSE_MS = 50;
/** How long the client reads nothing at all at the start, while the server would be free to buffer. */
const INITIAL_STALL_MS = 500;

interface MemoryReport {
  baselineRss: number;
  peakRss: number;
  chunksSent: number;
}

async function memoryOf(origin: string): Promise<MemoryReport> {
  return (await (await fetch(`${origin}/memory`)).json()) as MemoryReport;
}

/** Downloads GET /stream over a raw socket, reading slowly (bursts and pauses); resolves with the body size. */
function slowDownload(origin: string, onStalled: () => Promise<void>): Promise<number> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = 0;
    let headerDone = false;
    let nextPauseAt = READ_BURST_BYTES;
    socket.on("error", reject);
    socket.once("connect", () => {
      socket.pause();
      socket.write("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      setTimeout(() => {
        onStalled().then(() => socket.resume(), reject);
      }, INITIAL_STALL_MS);
    });
    socket.on("data", (chunk: Buffer) => {
      let body = chunk;
      if (!headerDone) {
        const end = chunk.indexOf("\r\n\r\n");
        if (end === -1) return;
        headerDone = true;
        body = chunk.subarray(end + 4);
      }
      received += body.length;
      if (received >= nextPauseAt) {
        nextPauseAt += READ_BURST_BYTES;
        socket.pause();
        setTimeout(() => socket.resume(), PAUSE_MS);
      }
    });
    socket.once("close", () => resolve(received));
  });
}

afterEach(() => {
  killBins();
});

describe("backpressure", () => {
  it("streams 100 MB to a slow reader with server RSS growth under 32 MB", { timeout: 120_000 }, async () => {
    const { bin, origin } = await startBin([`${FIXTURES}stream-app.ts`], ["--expose-gc"]);
    let duringStall: MemoryReport | undefined;
    const received = await slowDownload(origin, async () => {
      duringStall = await memoryOf(origin);
    });
    expect(received).toBe(TOTAL_BYTES);
    // While the client read nothing, the app was held back: it produced a few socket buffers' worth, not 100 MB.
    expect(duringStall?.chunksSent).toBeLessThan(TOTAL_BYTES / (64 * 1024) / 4);
    const report = await memoryOf(origin);
    expect(report.chunksSent).toBe(TOTAL_BYTES / (64 * 1024));
    expect(report.peakRss - report.baselineRss).toBeLessThan(MAX_RSS_GROWTH_BYTES);
    bin.child.kill("SIGTERM");
    expect(await bin.exited).toBe(0);
  });
});

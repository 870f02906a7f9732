// Prints the "Listening at URL" line the bench reads from every baseline server it starts; prints nothing else.
import type { AddressInfo, Server } from "node:net";

/** Idle time a baseline keeps a keep-alive connection (the bench's idle-connection section holds them this long). */
export const BASELINE_KEEP_ALIVE_MS = 120_000;

/** Writes "Listening at http://127.0.0.1:PORT (pid N)" on stderr once `server` listens, as the patchbay bins do. */
export function announceListening(server: Server): void {
  const { address, port } = server.address() as AddressInfo;
  process.stderr.write(`Listening at http://${address}:${port} (pid ${process.pid})\n`);
}

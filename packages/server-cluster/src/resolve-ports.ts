/**
 * Turns "port 0" bind addresses into concrete free ports before the first fork. node:cluster shares one
 * listening handle per (host, port) among workers, and drops it when the last worker using it is gone: a
 * lone worker replaced after a crash would then get a different port 0. Startup only.
 */
import { createServer } from "node:net";
import type { BindAddress } from "@patchbay/server-kit";

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Returns `bind` with every TCP port 0 replaced by a port that was free a moment ago (the OS picks it).
 * Another process could take it before the first worker listens; that worker then fails to boot with
 * EADDRINUSE and the cluster stops with a clear error, as for any busy port.
 */
export async function resolveZeroPorts(bind: readonly BindAddress[]): Promise<BindAddress[]> {
  const resolved: BindAddress[] = [];
  for (const address of bind) resolved.push("port" in address && address.port === 0 ? { host: address.host, port: await freePort(address.host) } : address);
  return resolved;
}

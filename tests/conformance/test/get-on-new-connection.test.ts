import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { getOnNewConnection } from "../src/get-on-new-connection.js";

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** A server that answers with the remote port of the connection the request came on (or never, for /hang). */
async function startPortEcho(): Promise<string> {
  const server = createServer((request, response) => {
    if (request.url !== "/hang") response.end(String(request.socket.remotePort));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("getOnNewConnection", () => {
  it("resolves with the body, each request on a connection of its own", async () => {
    const origin = await startPortEcho();
    const ports = [await getOnNewConnection(`${origin}/`), await getOnNewConnection(`${origin}/`)];
    expect(ports[0]).toMatch(/^\d+$/);
    expect(ports[1]).not.toBe(ports[0]);
  });

  it("rejects when the response takes longer than the timeout", async () => {
    const origin = await startPortEcho();
    await expect(getOnNewConnection(`${origin}/hang`, 100)).rejects.toThrow(`GET ${origin}/hang timed out`);
  });
});

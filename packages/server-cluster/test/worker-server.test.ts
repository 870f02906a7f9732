import { afterEach, describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { Logger } from "@patchbay/server-kit";
import { createServer as createLoopServer } from "@patchbay/server-loop";
import { RawConnection } from "@patchbay/conformance";
import { createWorkerServer, KEEP_ALIVE_DRAIN_MS, type WorkerServer } from "../src/worker-server.js";

const logger: Logger = { level: "error", debug: () => {}, info: () => {}, warning: () => {}, error: () => {} };
const hello: Application = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [`hello ${environ.PATH_INFO} ${String(environ["gateway.multiprocess"])}`];
};

let server: WorkerServer | undefined;
afterEach(async () => {
  await server?.destroy();
  server = undefined;
});

function portOf(worker: WorkerServer): number {
  const [address] = worker.addresses;
  if (address === undefined || !("port" in address)) throw new Error("no TCP address");
  return address.port;
}

describe("createWorkerServer", () => {
  it("counts every request and asks to retire once, at maxRequests", async () => {
    const retired: number[] = [];
    server = createWorkerServer(hello, { port: 0, logger, multiprocess: true }, { engine: createLoopServer, maxRequests: 3, onRetire: (requests) => retired.push(requests) });
    await server.listen();
    for (let index = 0; index < 5; index++) {
      const response = await fetch(`http://127.0.0.1:${portOf(server)}/n${index}`);
      expect(await response.text()).toBe(`hello /n${index} true`);
    }
    expect(server.requests).toBe(5);
    expect(retired).toEqual([3]);
  });

  it("drain() tells a keep-alive client to leave (Connection: close) on its next response, then close() ends", async () => {
    server = createWorkerServer(hello, { port: 0, logger }, { engine: createLoopServer });
    await server.listen();
    const connection = await RawConnection.open(portOf(server));
    try {
      connection.send("GET /first HTTP/1.1\r\nHost: a\r\n\r\n");
      const first = await connection.readResponse();
      expect(first.header("connection")?.toLowerCase()).not.toBe("close");
      const draining = server.drain(KEEP_ALIVE_DRAIN_MS);
      // The client sends its next request on the same connection while the server drains.
      await new Promise((resolve) => setTimeout(resolve, KEEP_ALIVE_DRAIN_MS / 5));
      connection.send("GET /second HTTP/1.1\r\nHost: a\r\n\r\n");
      const second = await connection.readResponse();
      expect(second.status).toBe(200);
      expect(second.body.toString()).toBe("hello /second false");
      expect(second.header("connection")?.toLowerCase()).toBe("close");
      await connection.waitForClose();
      await draining;
      await server.close(10_000);
    } finally {
      connection.close();
    }
  });

  it("serves static files through the counted chain (root option)", async () => {
    const { DEMO_ROOT } = await import("@patchbay/server-kit");
    server = createWorkerServer(hello, { port: 0, logger, root: DEMO_ROOT }, { engine: createLoopServer });
    await server.listen();
    const page = await fetch(`http://127.0.0.1:${portOf(server)}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    await page.arrayBuffer();
    expect(await (await fetch(`http://127.0.0.1:${portOf(server)}/dynamic`)).text()).toBe("hello /dynamic false");
    expect(server.requests).toBe(2);
  });
});

import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { MatrixError } from "../src/errors.js";
import { RawConnection } from "../src/raw-connection.js";

let server: Server | undefined;

/** Starts a TCP server on 127.0.0.1:0 that sends `parts` (one write each) once a request line arrives, then ends when `end` is true. */
async function cannedServer(parts: readonly string[], end: boolean): Promise<string> {
  server = createServer((socket: Socket) => {
    socket.once("data", () => {
      for (const part of parts) socket.write(part, "latin1");
      if (end) socket.end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return `http://127.0.0.1:${address.port}`;
}

async function exchange(baseUrl: string, head = false): Promise<{ connection: RawConnection; response: Awaited<ReturnType<RawConnection["readResponse"]>> }> {
  const connection = await RawConnection.open(baseUrl);
  await connection.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  return { connection, response: await connection.readResponse({ head }) };
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

describe("RawConnection", () => {
  test("reads a Content-Length body, with header names lower-cased and repeats joined", async () => {
    const { connection, response } = await exchange(await cannedServer(["HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhel", "lo"], false));
    connection.close();
    expect(response.status).toBe(200);
    expect(response.headers["x-a"]).toBe("1, 2");
    expect(response.body.toString()).toBe("hello");
  });

  test("de-chunks a chunked body split across writes, skipping extensions and trailers, after a 100 Continue", async () => {
    const parts = ["HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r", "\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n"];
    const { connection, response } = await exchange(await cannedServer(parts, false));
    connection.close();
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe("abcde");
  });

  test("a HEAD answer ends after its head, so the next response on the connection reads cleanly", async () => {
    const baseUrl = await cannedServer(["HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "HTTP/1.1 204 No Content\r\n\r\n"], false);
    const { connection, response } = await exchange(baseUrl, true);
    const next = await connection.readResponse();
    connection.close();
    expect(response.body.length).toBe(0);
    expect(response.headers["content-length"]).toBe("5");
    expect(next.status).toBe(204);
  });

  test("without framing the body runs until the server closes", async () => {
    const { connection, response } = await exchange(await cannedServer(["HTTP/1.0 200 OK\r\n\r\nuntil ", "close"], true));
    connection.close();
    expect(response.body.toString()).toBe("until close");
  });

  test("a bad status line or a body cut short is a MatrixError", async () => {
    await expect(exchange(await cannedServer(["SPDY/9 200 OK\r\n\r\n"], true))).rejects.toThrow(MatrixError);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await expect(exchange(await cannedServer(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"], true))).rejects.toThrow(/closed the connection/);
  });
});

import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RawConnection } from "../src/raw-connection.js";

let server: Server | undefined;

afterEach(async () => {
  const current = server;
  server = undefined;
  if (current !== undefined) await new Promise<void>((resolve) => current.close(() => resolve()));
});

/** A TCP server on 127.0.0.1 port 0 that hands each connection to `onConnection`. */
async function listen(onConnection: (socket: Socket) => void): Promise<number> {
  const created = createServer(onConnection);
  server = created;
  await new Promise<void>((resolve) => created.listen(0, "127.0.0.1", resolve));
  const address = created.address();
  return typeof address === "object" && address !== null ? address.port : 0;
}

describe("RawConnection", () => {
  it("reads responses that arrive in pieces, one after another", async () => {
    const port = await listen((socket) => {
      socket.once("data", () => {
        socket.write("HTTP/1.1 200 OK\r\nContent-Len");
        setTimeout(() => socket.write("gth: 2\r\n\r\nokHTTP/1.1 204 No Content\r\n\r\n"), 20);
      });
    });
    const connection = await RawConnection.open(port);
    try {
      connection.send("GET / HTTP/1.1\r\n\r\n");
      const first = await connection.readResponse();
      expect(first.status).toBe(200);
      expect(first.body.toString()).toBe("ok");
      expect((await connection.readResponse()).status).toBe(204);
      expect(connection.pending.length).toBe(0);
    } finally {
      connection.close();
    }
  });

  it("returns an incomplete response when the server closes mid-body, and sees the close", async () => {
    const port = await listen((socket) => {
      socket.once("data", () => socket.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"));
    });
    const connection = await RawConnection.open(port);
    try {
      connection.send("GET / HTTP/1.1\r\n\r\n");
      const response = await connection.readResponse();
      expect(response.complete).toBe(false);
      expect(response.body.toString()).toBe("abc");
      await connection.waitForClose();
      expect(connection.closed).toBe(true);
      expect(connection.reset).toBe(false);
    } finally {
      connection.close();
    }
  });

  it("tells a reset from a clean close", async () => {
    const port = await listen((socket) => {
      socket.once("data", () => socket.resetAndDestroy());
    });
    const connection = await RawConnection.open(port);
    try {
      connection.send("GET / HTTP/1.1\r\n\r\n");
      await connection.waitForClose();
      expect(connection.reset).toBe(true);
      await expect(connection.readResponse()).rejects.toThrow(/closed before a whole response head/);
    } finally {
      connection.close();
    }
  });

  it("fails a read with a clear message when no response comes in time", async () => {
    const port = await listen(() => {});
    const connection = await RawConnection.open(port);
    try {
      await expect(connection.readResponse({ timeoutMs: 50 })).rejects.toThrow(/no whole response within 50 ms/);
    } finally {
      connection.close();
    }
  });
});

/** Conformance cases: persistent connections (RFC 9112 §9.3): reuse, pipelining, and closing when asked. */
import { describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import type { ServerConformanceTarget } from "./conformance-target.js";
import { RawConnection } from "./raw-connection.js";
import { startTestServer } from "./test-server.js";

const pathApp: Application = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [`path=${environ.PATH_INFO}`];
};

/** Registers the keep-alive cases for `target`. */
export function defineKeepAliveCases(target: ServerConformanceTarget): void {
  describe("keep-alive", () => {
    it("answers several requests on one HTTP/1.1 connection and keeps it open", async () => {
      const server = await startTestServer(target, pathApp);
      const connection = await RawConnection.open(server.port);
      try {
        for (const path of ["/one", "/two", "/three"]) {
          connection.send(`GET ${path} HTTP/1.1\r\nHost: a\r\n\r\n`);
          const response = await connection.readResponse();
          expect(response.body.toString()).toBe(`path=${path}`);
          expect(response.header("connection")?.toLowerCase()).not.toBe("close");
        }
        expect(connection.closed).toBe(false);
      } finally {
        connection.close();
      }
    });

    it("answers pipelined requests in order", async () => {
      const server = await startTestServer(target, pathApp);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\nGET /c HTTP/1.1\r\nHost: a\r\n\r\n");
        const bodies: string[] = [];
        for (let index = 0; index < 3; index++) bodies.push((await connection.readResponse()).body.toString());
        expect(bodies).toEqual(["path=/a", "path=/b", "path=/c"]);
      } finally {
        connection.close();
      }
    });

    it("answers 100 concurrent requests", async () => {
      const server = await startTestServer(target, pathApp);
      const paths = Array.from({ length: 100 }, (_, index) => `/concurrent/${index}`);
      const bodies = await Promise.all(paths.map(async (path) => (await fetch(server.url(path))).text()));
      expect(bodies).toEqual(paths.map((path) => `path=${path}`));
    });

    it("answers 200 requests in a row on one connection", async () => {
      const server = await startTestServer(target, pathApp);
      const connection = await RawConnection.open(server.port);
      try {
        let answered = 0;
        for (let index = 0; index < 200; index++) {
          connection.send(`GET /n/${index} HTTP/1.1\r\nHost: a\r\n\r\n`);
          if ((await connection.readResponse()).body.toString() === `path=/n/${index}`) answered++;
        }
        expect(answered).toBe(200);
      } finally {
        connection.close();
      }
    });

    it("closes the connection after a request that says Connection: close", async () => {
      const server = await startTestServer(target, pathApp);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        const response = await connection.readResponse();
        expect(response.body.toString()).toBe("path=/last");
        expect(response.header("connection")?.toLowerCase()).toBe("close");
        await connection.waitForClose();
      } finally {
        connection.close();
      }
    });

    it("does what its Connection header says for an HTTP/1.0 keep-alive request (RFC 9112 §9.3 leaves honouring it to the server)", async () => {
      const server = await startTestServer(target, pathApp);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /first HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n");
        const first = await connection.readResponse();
        expect(first.body.toString()).toBe("path=/first");
        const persists = first.header("connection")?.toLowerCase() === "keep-alive";
        connection.send("GET /second HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n");
        const second = await connection.readResponse().then(
          (response) => response.body.toString(),
          () => "closed",
        );
        expect(second).toBe(persists ? "path=/second" : "closed");
      } finally {
        connection.close();
      }
    });

    it("closes an HTTP/1.0 connection that did not ask for keep-alive", async () => {
      const server = await startTestServer(target, pathApp);
      const connection = await RawConnection.open(server.port);
      try {
        connection.send("GET /old HTTP/1.0\r\nHost: a\r\n\r\n");
        expect((await connection.readResponse()).body.toString()).toBe("path=/old");
        await connection.waitForClose();
      } finally {
        connection.close();
      }
    });
  });
}

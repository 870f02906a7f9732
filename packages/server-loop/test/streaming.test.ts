import { createDeferred, MemoryLogger, RawConnection } from "@patchbay/conformance";
import type { Application } from "@patchbay/gateway";
import type { Server } from "@patchbay/server-kit";
import { afterEach, describe, expect, it } from "vitest";
import { serve } from "../src/server.js";

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.destroy()));
});

async function start(app: Application): Promise<string> {
  const server = await serve(app, { bind: [{ host: "127.0.0.1", port: 0 }], logger: new MemoryLogger() });
  servers.push(server);
  const [address] = server.addresses;
  if (address === undefined || !("port" in address)) throw new Error("no TCP address");
  return address.url;
}

describe("streaming", () => {
  it("sends each chunk as the app yields it, before the app has produced the next", async () => {
    const clientGotFirst = createDeferred();
    const url = await start((_environ, startResponse) => {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return (async function* () {
        yield "first\n";
        // Only the client can release this: the first chunk must be on the wire already.
        await clientGotFirst.promise;
        yield "second\n";
      })();
    });
    const response = await fetch(`${url}/`);
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("first\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended early: ${JSON.stringify(text)}`);
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toBe("first\n");
    clientGotFirst.resolve();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toBe("first\nsecond\n");
  });

  it("streams a request body to the app as it arrives (chunked upload, app reads line by line)", async () => {
    const gotFirstLine = createDeferred<string>();
    const url = await start(async (environ, startResponse) => {
      const input = environ["gateway.input"];
      const lines: string[] = [];
      for (;;) {
        const line = await input.readline();
        if (line.length === 0) break;
        const text = Buffer.from(line).toString();
        if (lines.length === 0) gotFirstLine.resolve(text);
        lines.push(text);
      }
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [`${lines.length} lines: ${lines.join("|").replaceAll("\n", "")}`];
    });
    const port = Number(new URL(url).port);
    const connection = await RawConnection.open(port);
    connection.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    connection.send("6\r\nalpha\n\r\n");
    // The app sees the first line while the client has not sent the rest.
    expect(await gotFirstLine.promise).toBe("alpha\n");
    connection.send("a\r\nbeta\ngamma\r\n0\r\n\r\n");
    const response = await connection.readResponse();
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe("3 lines: alpha|beta|gamma");
    connection.close();
  });

  it("sends a legacy write() stream and the returned body in order", async () => {
    const url = await start((_environ, startResponse) => {
      const write = startResponse("200 OK", [["Content-Type", "text/plain"]]);
      write("written ");
      return ["returned"];
    });
    expect(await (await fetch(`${url}/`)).text()).toBe("written returned");
  });
});

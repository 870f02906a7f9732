import { connect } from "node:net";
import { createDeferred, MemoryAccessLog, MemoryLogger, RawConnection } from "@patchbay/conformance";
import type { Application, Environ } from "@patchbay/gateway";
import type { Server, ServerOptionsInput } from "@patchbay/server-kit";
import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "../src/server.js";

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.destroy()));
});

async function start(app: Application, options: ServerOptionsInput = {}): Promise<{ port: number; logger: MemoryLogger; origin: string }> {
  const logger = new MemoryLogger();
  const server = createServer(app, { bind: [{ host: "127.0.0.1", port: 0 }], logger, ...options });
  servers.push(server);
  const [address] = await server.listen();
  if (address === undefined || !("port" in address)) throw new Error("no TCP address");
  return { port: address.port, logger, origin: `http://127.0.0.1:${address.port}` };
}

/** Answers with the environ values a test asks about, as JSON. */
const environJsonApp: Application = (environ, startResponse) => {
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(environ)) {
    picked[key] = typeof value === "function" ? `function ${value.name}` : value instanceof AbortSignal ? `signal aborted=${String(value.aborted)}` : typeof value === "object" && value !== null ? "object" : value;
  }
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [JSON.stringify(picked)];
};

describe("RequestListener: environ over a real socket", () => {
  it("fills the CGI and gateway keys from the connection and the request", async () => {
    const { port } = await start(environJsonApp, { environ: { "app.mode": "test" } });
    const connection = await RawConnection.open(port);
    connection.send("GET /caf%C3%A9/a%20b?x=1%202&y HTTP/1.1\r\nHost: example.test:8080\r\nX-Multi: one\r\nX-Multi: two\r\nCookie: a=1\r\nCookie: b=2\r\nX_Spoof: no\r\nConnection: close\r\n\r\n");
    const response = await connection.readResponse();
    expect(response.status).toBe(200);
    const environ = JSON.parse(response.body.toString("utf8")) as Record<string, unknown>;
    expect(environ).toMatchObject({
      REQUEST_METHOD: "GET",
      SCRIPT_NAME: "",
      PATH_INFO: "/café/a b",
      QUERY_STRING: "x=1%202&y",
      REQUEST_URI: "/caf%C3%A9/a%20b?x=1%202&y",
      SERVER_NAME: "127.0.0.1",
      SERVER_PORT: String(port),
      SERVER_PROTOCOL: "HTTP/1.1",
      REMOTE_ADDR: "127.0.0.1",
      HTTP_HOST: "example.test:8080",
      HTTP_X_MULTI: "one, two",
      HTTP_COOKIE: "a=1; b=2",
      "gateway.url_scheme": "http",
      "gateway.multithread": false,
      "gateway.multiprocess": false,
      "gateway.run_once": false,
      "gateway.input": "object",
      "gateway.file_wrapper": "function fileWrapper",
      "gateway.disconnect": "signal aborted=false",
      "app.mode": "test",
    });
    expect(Number(environ.REMOTE_PORT)).toBeGreaterThan(0);
    expect(environ).not.toHaveProperty("HTTP_X_SPOOF");
    expect(environ).not.toHaveProperty("CONTENT_LENGTH");
  });

  it("sets REMOTE_PORT to the client's port and gateway.multiprocess from the options", async () => {
    const { port } = await start(environJsonApp, { multiprocess: true });
    const socket = connect({ port, host: "127.0.0.1" });
    await new Promise((resolve) => socket.once("connect", resolve));
    const clientPort = socket.localPort;
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    await new Promise((resolve) => socket.once("close", resolve));
    const text = Buffer.concat(chunks).toString("utf8");
    const environ = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)) as Record<string, unknown>;
    expect(environ.REMOTE_PORT).toBe(String(clientPort));
    expect(environ["gateway.multiprocess"]).toBe(true);
  });

  it("answers 400 to a target that cannot be percent-decoded, without calling the app", async () => {
    let calls = 0;
    const { origin } = await start((environ, startResponse) => {
      calls++;
      return environJsonApp(environ, startResponse);
    });
    const response = await fetch(`${origin}/bad%ZZpath`);
    expect(response.status).toBe(400);
    expect(response.headers.get("connection")).toBe("close");
    await response.arrayBuffer();
    expect(calls).toBe(0);
  });
});

describe("RequestListener: limits node:http does not enforce", () => {
  const okApp: Application = async (environ, startResponse) => {
    const body = await environ["gateway.input"].read();
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [`read ${body.length}`];
  };

  it("answers 431 for more header fields than limits.maxHeaderCount, and closes", async () => {
    const { port } = await start(okApp, { limits: { maxHeaderCount: 3 } });
    const connection = await RawConnection.open(port);
    connection.send("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n");
    const response = await connection.readResponse();
    expect(response.status).toBe(431);
    expect(response.header("connection")).toBe("close");
    await connection.waitForClose();
    const within = await RawConnection.open(port);
    within.send("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\n\r\n");
    expect((await within.readResponse()).status).toBe(200);
    within.close();
  });

  it("answers 414 for a request line longer than limits.maxRequestLineBytes", async () => {
    const { origin } = await start(okApp, { limits: { maxRequestLineBytes: 64 } });
    const long = await fetch(`${origin}/${"a".repeat(80)}`);
    expect(long.status).toBe(414);
    await long.arrayBuffer();
    const short = await fetch(`${origin}/${"a".repeat(20)}`);
    expect(short.status).toBe(200);
    expect(await short.text()).toBe("read 0");
  });

  it("answers 413 for a Content-Length above limits.maxBodyBytes without reading it", async () => {
    let calls = 0;
    const { port } = await start(
      (environ, startResponse) => {
        calls++;
        return okApp(environ, startResponse);
      },
      { limits: { maxBodyBytes: 10 } },
    );
    const connection = await RawConnection.open(port);
    connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world");
    const response = await connection.readResponse();
    expect(response.status).toBe(413);
    expect(response.header("connection")).toBe("close");
    await connection.waitForClose();
    expect(calls).toBe(0);
  });

  it("stops a chunked body at limits.maxBodyBytes: 413, and the connection is not reused", async () => {
    const { port } = await start(okApp, { limits: { maxBodyBytes: 10 } });
    const connection = await RawConnection.open(port);
    connection.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n6\r\nworld!\r\n0\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n");
    const response = await connection.readResponse();
    expect(response.status).toBe(413);
    await connection.waitForClose();
    expect(connection.pending.length).toBe(0);
    const fine = await RawConnection.open(port);
    fine.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    const ok = await fine.readResponse();
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe("read 5");
    fine.close();
  });

  it("answers 431 itself (node:http) for a header section over limits.maxHeaderBytes", async () => {
    const { port } = await start(okApp, { limits: { maxHeaderBytes: 1024 } });
    const connection = await RawConnection.open(port);
    connection.send(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(2048)}\r\n\r\n`);
    const response = await connection.readResponse();
    expect(response.status).toBe(431);
    connection.close();
  });
});

describe("RequestListener: 100-continue (RFC 9110 §10.1.1)", () => {
  it("sends 100 Continue only when the app starts reading the body", async () => {
    const { port } = await start(async (environ, startResponse) => {
      if (environ.PATH_INFO === "/skip") {
        startResponse("403 Forbidden", [["Content-Type", "text/plain"]]);
        return ["no upload wanted"];
      }
      const body = await environ["gateway.input"].read();
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [`got ${Buffer.from(body).toString()}`];
    });
    const reading = await RawConnection.open(port);
    reading.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
    const interim = await reading.readResponse();
    expect(interim.status).toBe(100);
    reading.send("hello");
    const final = await reading.readResponse();
    expect(final.status).toBe(200);
    expect(final.body.toString()).toBe("got hello");
    reading.close();

    const skipping = await RawConnection.open(port);
    skipping.send("POST /skip HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
    const refused = await skipping.readResponse();
    expect(refused.status).toBe(403);
    skipping.close();
  });
});

describe("RequestListener: errors and disconnects", () => {
  it("answers 500 without the stack when the app throws before headers, logs the stack, and goes on", async () => {
    const { origin, logger } = await start((environ) => {
      if (environ.PATH_INFO === "/boom") throw new Error("secret detail");
      return environJsonApp(environ, (status, headers) => {
        throw new Error(`unexpected ${status} ${headers.length}`);
      });
    });
    const response = await fetch(`${origin}/boom`);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain("secret detail");
    expect(body).not.toMatch(/at .*\.ts:\d+/);
    const logged = logger.at("error");
    expect(logged).toHaveLength(1);
    const error = logged[0]?.error as Error;
    expect(error.message).toBe("secret detail");
    expect(error.stack).toContain("listener.test.ts");
  });

  it("aborts the connection when the app fails after the headers went out, and logs it", async () => {
    const { port, logger } = await start((_environ, startResponse) => {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return (async function* () {
        yield "first part ";
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error("failed mid-body");
      })();
    });
    const connection = await RawConnection.open(port);
    connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const response = await connection.readResponse();
    expect(response.status).toBe(200);
    expect(response.framing).toBe("chunked");
    expect(response.complete).toBe(false);
    expect(response.body.toString()).toBe("first part ");
    expect(connection.closed).toBe(true);
    expect(logger.at("error").some((entry) => (entry.error as Error | undefined)?.message === "failed mid-body")).toBe(true);
  });

  it("aborts gateway.disconnect and closes the body when the client goes away mid-response", async () => {
    const streaming = createDeferred();
    const aborted = createDeferred<unknown>();
    const closed = createDeferred();
    const { port } = await start((environ: Environ, startResponse) => {
      const signal = environ["gateway.disconnect"] as AbortSignal;
      signal.addEventListener("abort", () => aborted.resolve(signal.reason));
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return {
        async *[Symbol.asyncIterator]() {
          yield "tick\n";
          streaming.resolve();
          await aborted.promise;
        },
        close() {
          closed.resolve();
        },
      };
    });
    const connection = await RawConnection.open(port);
    connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await streaming.promise;
    connection.close();
    const reason = await aborted.promise;
    expect((reason as Error).message).toMatch(/closed the connection/);
    await closed.promise;
  });
});

describe("RequestListener: access log", () => {
  it("writes one record per request with what the writer sent", async () => {
    const accessLog = new MemoryAccessLog('%(h)s "%(r)s" %(s)s %(B)s "%(f)s" "%(a)s" %({x-request-id}i)s');
    const { origin } = await start(
      (environ, startResponse) => {
        startResponse(environ.PATH_INFO === "/missing" ? "404 Not Found" : "200 OK", [["Content-Type", "text/plain"]]);
        return ["hello"];
      },
      { accessLog },
    );
    const first = await fetch(`${origin}/page?q=1`, { headers: { Referer: "http://ref.test/", "User-Agent": "access-test", "X-Request-Id": "r-1" } });
    await first.text();
    const second = await fetch(`${origin}/missing`, { method: "HEAD" });
    await second.arrayBuffer();
    await accessLog.waitFor(2);
    expect(accessLog.lines[0]).toBe('127.0.0.1 "GET /page?q=1 HTTP/1.1" 200 5 "http://ref.test/" "access-test" r-1');
    expect(accessLog.lines[1]).toMatch(/^127\.0\.0\.1 "HEAD \/missing HTTP\/1\.1" 404 0 "-" "[^"]*" -$/);
    const record = accessLog.records[0];
    expect(record?.durationMicros).toBeGreaterThanOrEqual(0);
    expect(Math.abs((record?.startedAt ?? 0) - Date.now())).toBeLessThan(60_000);
  });
});

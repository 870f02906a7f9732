// The environ-socket example on a real server-socket (and, unchanged, on server-loop) over 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "@patchbay/gateway";
import { createLogger, type Server, type ServerOptionsInput } from "@patchbay/server-kit";
import { serve as serveLoop } from "@patchbay/server-loop";
import { serve as serveSocket } from "@patchbay/server-socket";
import { app, greeting } from "../src/app.js";

type Serve = (application: Application, options: ServerOptionsInput) => Promise<Server>;

/** server-socket is the example's server; server-loop shows the module runs unchanged elsewhere. */
const SERVERS: [string, Serve][] = [
  ["socket", serveSocket],
  ["loop", serveLoop],
];

describe.each(SERVERS)("environ-socket on server-%s", (serverName, serve) => {
  let environServer: Server;
  let greetingServer: Server;
  const logLines: string[] = [];

  async function start(application: Application): Promise<Server> {
    return serve(application, { host: "127.0.0.1", port: 0, logger: createLogger({ level: "warning", write: (line) => void logLines.push(line) }) });
  }

  function urlOf(server: Server): string {
    const [address] = server.addresses;
    if (address === undefined) throw new Error(`server-${serverName} bound no address`);
    return address.url;
  }

  beforeAll(async () => {
    environServer = await start(app);
    greetingServer = await start(greeting);
  });

  afterAll(async () => {
    await environServer.close(1000);
    await greetingServer.close(1000);
  });

  it("answers 200 text/html with the environ, the greeting and the time", async () => {
    const response = await fetch(`${urlOf(environServer)}/some/where?x=1`, { headers: { "Accept-Language": "zh-CN" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html");
    const body = await response.text();
    expect(body).toContain("'REQUEST_METHOD': 'GET'");
    expect(body).toContain("'PATH_INFO': '/some/where'");
    expect(body).toContain("'QUERY_STRING': 'x=1'");
    expect(body).toContain("'HTTP_ACCEPT_LANGUAGE': 'zh-CN'");
    expect(body).toContain("'SERVER_PROTOCOL': 'HTTP/1.1'");
    expect(body).toContain("'REMOTE_ADDR': '127.0.0.1'");
    expect(body).toMatch(/==Hello world from a simple WSGI application!--->\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n$/);
  });

  it("decodes a percent-encoded, non-ASCII path into PATH_INFO", async () => {
    const body = await (await fetch(`${urlOf(environServer)}/caf%C3%A9`)).text();
    expect(body).toContain("'PATH_INFO': '/café'");
    expect(body).toContain("'REQUEST_URI': '/caf%C3%A9'");
  });

  it("escapes a request header that holds markup", async () => {
    const body = await (await fetch(`${urlOf(environServer)}/`, { headers: { "X-Probe": "<script>alert(1)</script>" } })).text();
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).not.toContain("<script>");
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await fetch(`${urlOf(environServer)}/`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(await response.text()).toBe("");
  });

  it("serves the hand-written greeting app with the request's keys", async () => {
    const response = await fetch(`${urlOf(greetingServer)}/a%20b?q=1`, { headers: { "User-Agent": "probe/<1.0>" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const body = await response.text();
    expect(body).toContain("<tr><th>PATH_INFO</th><td>/a b</td></tr>");
    expect(body).toContain("<tr><th>QUERY_STRING</th><td>q=1</td></tr>");
    expect(body).toContain("<tr><th>HTTP_USER_AGENT</th><td>probe/&lt;1.0&gt;</td></tr>");
  });

  it("logged no warning or error", () => {
    expect(logLines).toEqual([]);
  });
});

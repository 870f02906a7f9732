// gateway.errors goes to the server's error log: the configured logger, not process.stderr.
import { MemoryLogger } from "@patchbay/conformance";
import type { Application } from "@patchbay/gateway";
import type { Server } from "@patchbay/server-kit";
import { afterEach, describe, expect, it } from "vitest";
import { serve } from "../src/server.js";

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.destroy()));
});

/** Reports two lines on gateway.errors (one write, then a print-style line in two writes), then answers. */
const reportingApp: Application = (environ, startResponse) => {
  const errors = environ["gateway.errors"];
  errors.write(`cannot reach the cache for ${environ.PATH_INFO}\nfalling back\n`);
  errors.write("retrying later");
  errors.write("\n");
  errors.flush();
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return ["ok"];
};

describe("gateway.errors", () => {
  it("logs each line an app writes as an error record of the configured logger", async () => {
    const logger = new MemoryLogger();
    const server = await serve(reportingApp, { bind: [{ host: "127.0.0.1", port: 0 }], logger });
    servers.push(server);
    const [address] = server.addresses;
    const response = await fetch(`${address?.url}/report`);
    expect(await response.text()).toBe("ok");
    expect(logger.entries.filter((entry) => entry.level === "error")).toEqual([
      { level: "error", message: "cannot reach the cache for /report", error: undefined },
      { level: "error", message: "falling back", error: undefined },
      { level: "error", message: "retrying later", error: undefined },
    ]);
  });
});

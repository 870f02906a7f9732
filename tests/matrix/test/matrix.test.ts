// The matrix: every scenario against every server × app over real sockets, validator around each app; prints the grid at the end.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MATRIX_APPS } from "../src/apps.js";
import { MatrixGrid } from "../src/matrix-grid.js";
import { SCENARIOS } from "../src/scenarios.js";
import { MATRIX_SERVERS } from "../src/servers.js";
import type { MatrixServer, RunningServer } from "../src/servers.js";
import { VIOLATION_LINE_PATTERN } from "../src/validate-matrix-app.js";

const grid = new MatrixGrid();

function scenariosOf(server: MatrixServer): typeof SCENARIOS {
  return SCENARIOS.filter((scenario) => !server.skip.some((skipped) => skipped.scenario === scenario.name));
}

describe.each(MATRIX_SERVERS)("$name", (server) => {
  describe.each(MATRIX_APPS)("$name", (app) => {
    let running: RunningServer | undefined;
    let serverLog = "";

    beforeAll(async () => {
      running = await server.start({
        app,
        log: (text) => {
          serverLog += text;
        },
      });
    });

    afterAll(async () => {
      await running?.close();
    });

    test.each(scenariosOf(server))(`${server.name} × ${app.name}: $name`, async (scenario) => {
      const logBefore = serverLog.length;
      let passed = false;
      try {
        expect(running, "the server started").toBeDefined();
        await scenario.run((running as RunningServer).url, { serverLog: () => serverLog });
        // The validator around the app saw both sides keep every rule of SPEC.md during this scenario.
        expect(serverLog.slice(logBefore).match(VIOLATION_LINE_PATTERN) ?? []).toEqual([]);
        passed = true;
      } finally {
        grid.record(server.name, app.name, scenario.name, passed);
      }
    });
  });
});

afterAll(() => {
  const serverNames = MATRIX_SERVERS.map((server) => server.name);
  const skipped = MATRIX_SERVERS.flatMap((server) => server.skip.map((entry) => `  ${server.name}: ${entry.scenario} (${entry.reason})`));
  const scenarioCounts = new Map(MATRIX_SERVERS.map((server) => [server.name, scenariosOf(server).length]));
  const report = grid.render(serverNames, MATRIX_APPS.map((app) => app.name), (name) => scenarioCounts.get(name) ?? 0);
  // The grid is the matrix's summary (issue 7): printed in every run, green or red.
  console.log(`\nThe matrix (servers down, apps across; ${SCENARIOS.length} scenarios per cell)\n${report}${skipped.length > 0 ? `\nnot run:\n${skipped.join("\n")}` : ""}\n`);
});

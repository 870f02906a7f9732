// Chooses which ratios the README chart shows and their targets; reads results, draws nothing.
import type { BenchResults, LoadFigure } from "./bench-results.js";
import { DISPATCH_BASELINE, DISPATCH_FRAMEWORKS } from "./dispatch-apps.js";
import type { ChartBar, ChartGroup } from "./ratio-chart.js";
import { findFigure } from "./targets.js";

/** Targets by "server variant" in the hello chart group (issues 3 and 4). */
const HELLO_TARGETS: Readonly<Record<string, number>> = { "server-loop bare": 0.95, "server-socket bare": 1.3 };

function ratioBars(figures: readonly LoadFigure[], reference: LoadFigure | undefined, label: (figure: LoadFigure) => string, target: (figure: LoadFigure) => number | undefined): ChartBar[] {
  if (reference === undefined) return [];
  return figures.map((figure) => ({ label: label(figure), value: figure.requestsPerSecond / reference.requestsPerSecond, target: target(figure) }));
}

/** The chart's groups: hello (× node:http), pipelined (× node:http pipelined), static (× nginx), cluster (× 1 worker), dispatch (× bare app). */
export function chartGroups(results: BenchResults): ChartGroup[] {
  const groups: ChartGroup[] = [];
  const section = (name: LoadFigure["section"]): LoadFigure[] => results.load.filter((figure) => figure.section === name);
  groups.push({
    title: "Hello world, keep-alive: requests/s × node:http",
    bars: ratioBars(section("hello"), findFigure(results, "hello", "node:http", "hello"), (figure) => (figure.variant === "hello" || figure.variant === "fixed response" ? figure.server : `${figure.server} + ${figure.variant}`), (figure) => HELLO_TARGETS[`${figure.server} ${figure.variant}`]),
    reference: 1,
  });
  groups.push({
    title: "Hello world, pipelined depth 16: × node:http pipelined",
    bars: ratioBars(section("pipelined"), findFigure(results, "pipelined", "node:http", "hello"), (figure) => figure.server, (figure) => (figure.server === "server-socket" ? 5 : undefined)),
    reference: 1,
  });
  for (const size of ["13 B", "64 KiB"]) {
    const staticFigures = section("static").filter((figure) => figure.variant === size);
    groups.push({
      title: `Static file ${size}: × nginx (1 worker)`,
      bars: ratioBars(staticFigures, findFigure(results, "static", "nginx", size), (figure) => figure.server, (figure) => (figure.server === "server-socket" ? 0.6 : undefined)),
      reference: 1,
    });
  }
  groups.push({
    title: "server-cluster: × 1 worker",
    bars: ratioBars(section("cluster"), findFigure(results, "cluster", "server-cluster", "1 worker"), (figure) => figure.variant, (figure) => (figure.variant === "1 worker" ? undefined : 0.85 * Number.parseInt(figure.variant, 10))),
    reference: 1,
  });
  const bare = results.dispatch.find((figure) => figure.app === DISPATCH_BASELINE);
  if (bare !== undefined) {
    groups.push({
      title: "In-process dispatch, hello among 100 routes: × bare gateway app",
      bars: results.dispatch.map((figure) => ({
        label: DISPATCH_FRAMEWORKS.includes(figure.app) ? `framework-${figure.app}` : figure.app === DISPATCH_BASELINE ? "bare gateway app" : figure.app,
        value: figure.operationsPerSecond / bare.operationsPerSecond,
        target: DISPATCH_FRAMEWORKS.includes(figure.app) ? 0.9 : undefined,
      })),
      reference: 1,
    });
  }
  return groups;
}

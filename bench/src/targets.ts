// The targets the server and framework issues set (3, 4, 5, 6), evaluated against one run's figures; pure.
import type { BenchResults, LoadFigure } from "./bench-results.js";
import { DISPATCH_BASELINE, DISPATCH_FRAMEWORKS } from "./dispatch-apps.js";
import { dispatchCostPercent } from "./dispatch-section.js";
import { isNoisy } from "./run-spread.js";

/** One target and what this run measured for it. */
export interface TargetResult {
  /** The issue that set it. */
  issue: number;
  /** "server-loop hello ≥ 0.95× node:http". */
  target: string;
  /** The measured value as text ("1.02×", "7.3 %"), or "not measured". */
  measured: string;
  /** undefined when not measured. */
  met: boolean | undefined;
  note: string | undefined;
}

/** Finds the figure of `server`/`variant` in `section`. */
export function findFigure(results: BenchResults, section: LoadFigure["section"], server: string, variant: string): LoadFigure | undefined {
  return results.load.find((figure) => figure.section === section && figure.server === server && figure.variant === variant);
}

function ratioTarget(issue: number, target: string, numerator: LoadFigure | undefined, denominator: LoadFigure | undefined, minimum: number, note?: string): TargetResult {
  if (numerator === undefined || denominator === undefined) {
    const absent = [numerator === undefined ? "the server's figure" : undefined, denominator === undefined ? "the reference figure" : undefined].filter((text) => text !== undefined).join(" and ");
    return { issue, target, measured: "not measured", met: undefined, note: `${absent} missing from this run` };
  }
  const ratio = numerator.requestsPerSecond / denominator.requestsPerSecond;
  const noisy = [numerator, denominator].filter((figure) => isNoisy(figure.runs, figure.requestsPerSecond)).map((figure) => `${figure.server} ${figure.variant}`);
  const noisyNote = noisy.length === 0 ? undefined : `noisy runs (${noisy.join(", ")}): not a firm verdict`;
  const notes = [note, noisyNote].filter((text) => text !== undefined);
  return { issue, target, measured: `${ratio.toFixed(2)}×`, met: ratio >= minimum, note: notes.length === 0 ? undefined : notes.join("; ") };
}

/** Every target of issues 3-6, measured or not, in issue order. */
export function evaluateTargets(results: BenchResults): TargetResult[] {
  const targets: TargetResult[] = [];
  const nodeHello = findFigure(results, "hello", "node:http", "hello");
  const nodePipelined = findFigure(results, "pipelined", "node:http", "hello");
  targets.push(ratioTarget(3, "server-loop hello (bare app) ≥ 0.95× node:http", findFigure(results, "hello", "server-loop", "bare"), nodeHello, 0.95));
  for (const size of ["13 B", "64 KiB"]) {
    for (const peer of ["sirv", "send"]) {
      targets.push(ratioTarget(3, `server-loop static ${size} ≥ 3× ${peer}`, findFigure(results, "static", "server-loop", size), findFigure(results, "static", peer, size), 3));
    }
  }
  targets.push(ratioTarget(4, "server-socket hello (bare app) ≥ 1.3× node:http, keep-alive", findFigure(results, "hello", "server-socket", "bare"), nodeHello, 1.3));
  targets.push(ratioTarget(4, "server-socket hello (bare app) ≥ 5× node:http, pipelined depth 16", findFigure(results, "pipelined", "server-socket", "bare"), nodePipelined, 5));
  for (const size of ["13 B", "64 KiB"]) {
    targets.push(ratioTarget(4, `server-socket static ${size} ≥ 0.6× nginx (1 worker)`, findFigure(results, "static", "server-socket", size), findFigure(results, "static", "nginx", size), 0.6));
  }
  const oneWorker = findFigure(results, "cluster", "server-cluster", "1 worker");
  const clusterFigures = results.load.filter((figure) => figure.section === "cluster" && figure.variant !== "1 worker");
  if (clusterFigures.length === 0) {
    targets.push({ issue: 5, target: "server-cluster N workers ≥ 0.85 × N × 1 worker", measured: "not measured", met: undefined, note: "no cluster figure with more than one worker in this run" });
  }
  for (const figure of clusterFigures) {
    const workers = Number.parseInt(figure.variant, 10);
    const minimum = 0.85 * workers;
    const note = figure.note === undefined ? undefined : `${figure.note}: the target assumes a core per worker plus one for the load`;
    targets.push(ratioTarget(5, `server-cluster ${figure.variant} ≥ ${minimum.toFixed(2)}× 1 worker`, figure, oneWorker, minimum, note));
  }
  const bare = results.dispatch.find((figure) => figure.app === DISPATCH_BASELINE);
  for (const framework of DISPATCH_FRAMEWORKS) {
    const figure = results.dispatch.find((candidate) => candidate.app === framework);
    const target = `framework-${framework} dispatch among 100 routes costs ≤ 10 % of a bare app`;
    if (bare === undefined || figure === undefined) {
      targets.push({ issue: 6, target, measured: "not measured", met: undefined, note: "the dispatch section did not run" });
      continue;
    }
    const cost = dispatchCostPercent(bare.operationsPerSecond, figure.operationsPerSecond);
    const noisy = isNoisy(bare.runs, bare.operationsPerSecond) || isNoisy(figure.runs, figure.operationsPerSecond);
    targets.push({ issue: 6, target, measured: `${cost.toFixed(1)} %`, met: cost <= 10, note: noisy ? "noisy runs: not a firm verdict" : undefined });
  }
  return targets;
}

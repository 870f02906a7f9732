/**
 * The entry point: registers the whole conformance suite (vitest describe/it) for one server. Each area
 * lives in its own case file; this file only wires them and closes every server a case left running.
 */
import { afterEach, describe } from "vitest";
import { defineAccessLogCases } from "./access-log-cases.js";
import { defineAppErrorCases } from "./app-error-cases.js";
import { defineBodyKindsCases } from "./body-kinds-cases.js";
import type { ConformanceArea, ServerConformanceTarget } from "./conformance-target.js";
import { defineEnvironCases } from "./environ-cases.js";
import { defineEnvironInjectionCases } from "./environ-injection-cases.js";
import { defineGracefulStopCases } from "./graceful-stop-cases.js";
import { defineKeepAliveCases } from "./keep-alive-cases.js";
import { defineLifecycleCases } from "./lifecycle-cases.js";
import { defineLimitsCases } from "./limits-cases.js";
import { defineRequestBodyCases } from "./request-body-cases.js";
import { defineRequestLineCases } from "./request-line-cases.js";
import { defineResponseFramingCases } from "./response-framing-cases.js";
import { defineStaticCases } from "./static-cases.js";
import { defineStreamingCases } from "./streaming-cases.js";
import { destroyTestServers } from "./test-server.js";

/**
 * Time one case may take. Cases wait on behaviour, never on speed, and the machine running them may be
 * loaded; vitest's 5 s default would fail a slow but correct server.
 */
const CASE_TIMEOUT_MS = 20_000;

/** Each area's case registrar, in report order. */
const AREAS: readonly [ConformanceArea, (target: ServerConformanceTarget) => void][] = [
  ["environ", defineEnvironCases],
  ["request-line", defineRequestLineCases],
  ["request-body", defineRequestBodyCases],
  ["response-framing", defineResponseFramingCases],
  ["body-kinds", defineBodyKindsCases],
  ["streaming", defineStreamingCases],
  ["app-errors", defineAppErrorCases],
  ["keep-alive", defineKeepAliveCases],
  ["static", defineStaticCases],
  ["graceful-stop", defineGracefulStopCases],
  ["access-log", defineAccessLogCases],
  ["environ-injection", defineEnvironInjectionCases],
  ["limits", defineLimitsCases],
  ["lifecycle", defineLifecycleCases],
];

/** An area's describe() title; a skipped area shows its reason in the report. */
function areaTitle(area: ConformanceArea, reason: string | undefined): string {
  return reason === undefined ? area : `${area} (not implemented by design: ${reason})`;
}

/**
 * Registers the conformance suite for `target` in the calling test file:
 * `defineServerConformance({ name: "server-loop", createServer })`. Every case starts its own server on
 * 127.0.0.1 port 0 through `target.createServer(app, options)` and the suite force-closes it afterwards.
 * Areas listed in `target.skip` are reported as skipped with their reason.
 */
export function defineServerConformance(target: ServerConformanceTarget): void {
  describe(`${target.name} conformance`, { timeout: CASE_TIMEOUT_MS }, () => {
    afterEach(destroyTestServers);
    for (const [area, defineCases] of AREAS) {
      const reason = target.skip?.[area];
      describe.skipIf(reason !== undefined)(`${areaTitle(area, reason)}`, () => {
        defineCases(target);
      });
    }
  });
}

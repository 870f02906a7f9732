// Puts the validator around a matrix app the same way in every process: violations are logged, never thrown, so one broken rule fails one test.
import type { Application } from "@patchbay/gateway";
import { validate } from "@patchbay/gateway";

/**
 * Each line the validator writes to `gateway.errors` for a broken MUST rule ("patchbay validate: <side> violation: G-x.y: …"):
 * bare where the matrix collects `gateway.errors` itself (in-process rows), or as an ERROR record of the
 * worker's log ("[time] [pid] [ERROR] patchbay validate: …") where the server's logger writes it (the cluster row).
 */
export const VIOLATION_LINE_PATTERN = /^(?:\[[^\]\n]*\] \[\d+\] \[ERROR\] )?patchbay validate: (?:application|server) violation: .*$/gm;

/** Lets the request go on after a violation: it is already in `gateway.errors`, where the matrix reads it back. */
function continueAfterViolation(): void {}

/**
 * Wraps `app` in `validate` (wsgiref.validate's job). Each violation is written to the request's
 * `gateway.errors` and the request continues, so the scenario still sees the server's answer and the
 * test then fails on the logged violation (found with VIOLATION_LINE_PATTERN).
 */
export function validateMatrixApp(app: Application): Application {
  return validate(app, { onViolation: continueAfterViolation });
}

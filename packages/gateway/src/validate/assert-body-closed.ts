/** The after-the-fact check of G-7.2: did the server close the validated body? For harnesses, after a response. */
import type { Environ } from "../types.js";
import { responseStatesOf } from "./response-state.js";

/**
 * Call once the server is done with the request for `environ` (e.g. after `callApp` or
 * `runApplication` resolved): reports G-7.2 through the validator's onViolation (default: throws here)
 * when the application returned a body and the server never called its close() (G-10.2 for a
 * file body, which a server may have sent by its own route). A close() called twice
 * is reported by the second call itself. With nested validators (G-12.1) each one is checked, so a middleware that drops
 * its inner body's close() is caught. Does nothing for an environ no validated application saw.
 */
export function assertBodyClosed(environ: Environ): void {
  for (const state of responseStatesOf(environ)) {
    if (!state.hasBody || state.closeCount > 0) continue;
    const rule = state.isFileBody ? "G-10.2" : "G-7.2";
    state.reporter.violation(rule, "server", `the server finished with the request but never called close() on the ${state.isFileBody ? "file body" : "body"}`);
  }
}

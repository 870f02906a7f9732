// Shared test harness: runs a ResourceApp in memory through the gateway's callApp, with the validator around it.
import { assertBodyClosed, callApp, validate } from "@patchbay/gateway";
import type { Application, CallAppRequest, CallAppResult, Environ, ValidationError } from "@patchbay/gateway";
import type { Problem, ResourceApp } from "../src/index.js";

/**
 * Wraps every app under test in the gateway validator. Violations and warnings are collected rather
 * than thrown, so an app that catches everything (as ResourceApp does) cannot swallow them; `call`
 * then fails the test when there are any.
 */
export function wrap(app: Application, findings: string[]): Application {
  return validate(app, {
    onViolation: (error: ValidationError) => void findings.push(`violation ${error.message}`),
    onWarning: (message) => void findings.push(`warning ${message}`),
    logToErrorStream: false,
  });
}

/** Runs one request against `app` (a ResourceApp or a bare Application), validated; throws on any finding. */
export async function call(app: ResourceApp | Application, request: CallAppRequest = {}): Promise<CallAppResult> {
  const findings: string[] = [];
  const result = await callApp(wrap(typeof app === "function" ? app : app.application, findings), request);
  assertBodyClosed(result.environ);
  if (findings.length > 0) throw new Error(`the validator found:\n${findings.join("\n")}`);
  return result;
}

/** Parses a problem+json response body, checking its Content-Type first. */
export function problemOf(result: CallAppResult): Problem {
  if (result.header("content-type") !== "application/problem+json") {
    throw new Error(`expected application/problem+json, got ${String(result.header("content-type"))}: ${result.text}`);
  }
  return JSON.parse(result.text) as Problem;
}

/** A request body source that yields each part as one UTF-8 chunk (a chunked upload). */
export async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part, "utf8");
}

const NO_CONTENT: Application = (_environ, startResponse) => {
  startResponse("204 No Content", []);
  return [];
};

/** The environ a server would build for `request` (for unit tests of request-side modules). */
export async function environFor(request: CallAppRequest = {}): Promise<Environ> {
  return (await callApp(NO_CONTENT, request)).environ;
}

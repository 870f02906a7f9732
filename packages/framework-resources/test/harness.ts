// Shared test harness: runs a ResourceApp in memory through the gateway's callApp, with the validator around it.
import { callApp } from "@patchbay/gateway";
import type { Application, CallAppRequest, CallAppResult } from "@patchbay/gateway";
import type { Problem, ResourceApp } from "../src/index.js";

/** Wraps every app under test (the gateway validator once it lands). */
export const wrap = (app: Application): Application => app;

/** Runs one request against `app` (a ResourceApp or a bare Application), validated. */
export function call(app: ResourceApp | Application, request: CallAppRequest = {}): Promise<CallAppResult> {
  return callApp(wrap(typeof app === "function" ? app : app.application), request);
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

// Shared test harness: runs an app in memory through the gateway's callApp, with the validator around it.
import { assertBodyClosed, callApp, validate } from "@patchbay/gateway";
import type { Application, CallAppRequest, CallAppResult, ErrorStream, ValidateOptions } from "@patchbay/gateway";
import { expect } from "vitest";

/** Wraps every app under test in the gateway validator (wsgiref.validate's job), reporting to `options`. */
export const wrap = (app: Application, options: ValidateOptions): Application => validate(app, options);

/** A callApp result plus what the app wrote to gateway.errors. */
export interface Called extends CallAppResult {
  /** Everything the app wrote to environ["gateway.errors"] during the request. */
  log: string;
}

/**
 * Runs one request against `app`, validated, with gateway.errors captured in `log`. Fails the test on any
 * validator violation or warning, on a body never closed, and on an error the response writer reported:
 * a framework must never hand the server a broken response.
 */
export async function call(app: Application, request: CallAppRequest = {}): Promise<Called> {
  let log = "";
  const errors: ErrorStream = {
    write(text: string): void {
      log += text;
    },
    flush(): void {},
  };
  const findings: string[] = [];
  const validated = wrap(app, {
    onViolation: (violation) => findings.push(`violation: ${violation.message}`),
    onWarning: (message) => findings.push(`warning: ${message}`),
    logToErrorStream: false,
  });
  const result = await callApp(validated, { ...request, environ: { "gateway.errors": errors, ...request.environ } });
  assertBodyClosed(result.environ);
  expect(findings).toEqual([]);
  expect(result.errors).toEqual([]);
  return Object.assign(result, { log });
}

/** A request body source that yields each part as one UTF-8 chunk (a chunked upload). */
export async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === "string" ? Buffer.from(part, "utf8") : part;
}

/** One part of a multipart/form-data body. */
export interface Part {
  name: string;
  value: string | Uint8Array;
  filename?: string;
  type?: string;
}

/** The boundary `multipart()` uses. */
export const BOUNDARY = "----patchbay-test-boundary";

/** Builds a multipart/form-data body (RFC 7578) with BOUNDARY. */
export function multipart(parts: readonly Part[]): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += "\r\n";
    if (part.type !== undefined) head += `Content-Type: ${part.type}\r\n`;
    pieces.push(Buffer.from(head + "\r\n", "utf8"), Buffer.from(part.value), Buffer.from("\r\n"));
  }
  pieces.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(pieces);
}

/** The Content-Type header of a `multipart()` body. */
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

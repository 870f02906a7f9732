/**
 * Checks a header list an application hands to the server (startResponse, early hints) against
 * G-4.3–G-4.9. Reports; never changes the list.
 */
import { FIELD_NAME_PATTERN, FIELD_VALUE_PATTERN, isHopByHopHeader } from "../headers.js";
import type { ViolationReporter } from "./violation-reporter.js";

const CR_OR_LF = /[\r\n]/;
const DIGITS = /^\d+$/;

/** What the validator learnt from a header list. */
export interface CheckedHeaders {
  /** The Content-Length value, when given once and well-formed. */
  contentLength: number | undefined;
  hasContentType: boolean;
}

/** Checks `headers`; `context` ("startResponse", "early hints") goes into each message. */
export function checkHeaderList(headers: unknown, reporter: ViolationReporter, context: string): CheckedHeaders {
  const checked: CheckedHeaders = { contentLength: undefined, hasContentType: false };
  if (!Array.isArray(headers)) {
    reporter.violation("G-4.4", "application", `${context}: headers must be an array of [name, value] pairs, got ${headers === null ? "null" : typeof headers}`);
    return checked;
  }
  let contentLengthCount = 0;
  for (const header of headers as unknown[]) {
    if (!Array.isArray(header) || header.length !== 2 || typeof header[0] !== "string" || typeof header[1] !== "string") {
      reporter.violation("G-4.4", "application", `${context}: each header must be a [name, value] pair of strings, got ${describe(header)}`);
      continue;
    }
    const [name, value] = header as [string, string];
    if (CR_OR_LF.test(name)) {
      reporter.violation("G-4.3", "application", `header name contains CR or LF: ${JSON.stringify(name)}`);
      continue;
    }
    if (CR_OR_LF.test(value)) {
      reporter.violation("G-4.3", "application", `header ${name} has a value containing CR or LF: ${JSON.stringify(value)}`);
      continue;
    }
    if (!FIELD_NAME_PATTERN.test(name)) {
      reporter.violation("G-4.5", "application", `${context}: header name is not a token (RFC 9110 §5.1): ${JSON.stringify(name)}`);
      continue;
    }
    if (!FIELD_VALUE_PATTERN.test(value)) {
      reporter.violation("G-4.6", "application", `${context}: header ${name} has a value that is not a ByteString (NUL, a control character or a character above U+00FF): ${JSON.stringify(value)}`);
      continue;
    }
    if (isHopByHopHeader(name)) {
      reporter.violation("G-4.7", "application", `${context}: hop-by-hop header ${name} is the server's to set (RFC 9110 §7.6.1)`);
      continue;
    }
    const lower = name.toLowerCase();
    if (lower === "status") {
      reporter.violation("G-4.8", "application", `${context}: a Status header is CGI's; the status goes in startResponse's first argument`);
    } else if (lower === "content-type") {
      checked.hasContentType = true;
    } else if (lower === "content-length") {
      contentLengthCount++;
      if (contentLengthCount > 1) {
        reporter.violation("G-4.9", "application", `${context}: Content-Length given more than once`);
      } else if (!DIGITS.test(value)) {
        reporter.violation("G-4.9", "application", `${context}: Content-Length must be decimal digits (RFC 9110 §8.6), got ${JSON.stringify(value)}`);
      } else {
        checked.contentLength = Number(value);
      }
    }
  }
  return checked;
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

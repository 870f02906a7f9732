/** Checks the status argument of startResponse against G-4.1–G-4.3. Reports; never changes the status. */
import type { ViolationReporter } from "./violation-reporter.js";

/** RFC 9110 §15: three digits; RFC 9112 §4: reason-phrase = *( HTAB / SP / VCHAR / obs-text ). */
const STATUS_PATTERN = /^(\d{3}) ([\t\x20-\x7e\x80-\xff]*)$/;
const CR_OR_LF = /[\r\n]/;

/** The checked status: its code (0 when unreadable) and reason phrase. */
export interface CheckedStatus {
  code: number;
  reason: string;
}

/** Checks `status` and returns its code and reason (code 0 when it has none). */
export function checkStatus(status: unknown, reporter: ViolationReporter): CheckedStatus {
  if (typeof status !== "string") {
    reporter.violation("G-4.1", "application", `status must be a string "NNN Reason", got ${typeof status}`);
    return { code: 0, reason: "" };
  }
  if (CR_OR_LF.test(status)) {
    reporter.violation("G-4.3", "application", `status contains CR or LF: ${JSON.stringify(status)}`);
    return { code: 0, reason: "" };
  }
  const match = STATUS_PATTERN.exec(status);
  if (match === null) {
    reporter.violation("G-4.1", "application", `status must be three digits, one space and a reason phrase of visible latin-1 characters, got ${JSON.stringify(status)}`);
    return { code: 0, reason: "" };
  }
  const code = Number(match[1]);
  if (code >= 100 && code < 200) {
    reporter.violation("G-4.2", "application", `status ${code}: interim (1xx) responses are not sent through startResponse (use gateway.early_hints for 103)`);
  } else if (code < 200 || code > 599) {
    reporter.violation("G-4.1", "application", `status code ${code} is outside 200–599 (RFC 9110 §15)`);
  }
  return { code, reason: match[2] ?? "" };
}

/**
 * The tutorial's first application, ported: answers 200 text/html with the environ dumped as text,
 * then a greeting and the time. Used as the smallest app every server must run unchanged; no I/O.
 */
import type { Application, Environ } from "../types.js";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Python's time.ctime(): "Mon Jan  5 09:03:07 2026", local time. */
function ctime(date: Date): string {
  const twoDigits = (value: number) => String(value).padStart(2, "0");
  const time = `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`;
  return `${WEEKDAYS[date.getDay()]} ${MONTHS[date.getMonth()]} ${String(date.getDate()).padStart(2, " ")} ${time} ${date.getFullYear()}`;
}

/** One environ value the way Python's str(dict) shows it: strings quoted, objects by their kind. */
function formatValue(value: unknown): string {
  if (typeof value === "string") return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value === undefined || value === null) return "None";
  if (Array.isArray(value)) return `(${value.map(formatValue).join(", ")})`;
  if (typeof value === "function") return `<function ${value.name || "anonymous"}>`;
  return `<${(value as object).constructor?.name ?? "object"}>`;
}

/** The environ as Python's str(environ) would print it. */
function formatEnviron(environ: Environ): string {
  return `{${Object.keys(environ)
    .map((key) => `'${key}': ${formatValue(environ[key])}`)
    .join(", ")}}`;
}

/** The dump is sent as text/html, as the tutorial does, so request headers are escaped (no reflected markup). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => (character === "&" ? "&amp;" : character === "<" ? "&lt;" : character === ">" ? "&gt;" : "&quot;"));
}

/**
 * The tutorial's environ-dump application: `200 OK`, `Content-Type: text/html`, the environ as
 * Python's str(dict) would print it (HTML-escaped), then
 * "==Hello world from a simple WSGI application!--->" and the local time in time.ctime() form.
 */
export const environApp: Application = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/html"]]);
  return [`${escapeHtml(formatEnviron(environ))}==Hello world from a simple WSGI application!--->${ctime(new Date())}\n`];
};

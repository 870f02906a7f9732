/**
 * Checks the environ a server passes against G-2 (keys and their meaning), G-3.7 and G-11.1.
 * Reports; never changes the environ.
 */
import { FIELD_NAME_PATTERN } from "../headers.js";
import { decodePath, splitRequestTarget } from "../request-target.js";
import type { ViolationReporter } from "./violation-reporter.js";

const DIGITS = /^\d+$/;
const PORT = /^\d{1,5}$/;
/** An HTTP_* key: upper-case token characters, "-" already mapped to "_". */
const HTTP_KEY = /^HTTP_[!#$%&'*+.^_`|~0-9A-Z]+$/;
const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** Every `gateway.*` key this spec defines; any other is reserved (G-2.22). */
const GATEWAY_KEYS: ReadonlySet<string> = new Set([
  "gateway.version",
  "gateway.url_scheme",
  "gateway.input",
  "gateway.errors",
  "gateway.multithread",
  "gateway.multiprocess",
  "gateway.run_once",
  "gateway.file_wrapper",
  "gateway.disconnect",
  "gateway.early_hints",
  "gateway.on_finished",
]);

function isFunction(value: unknown): boolean {
  return typeof value === "function";
}

/** Checks every environ rule a server owes; `environ` is known to be a non-null object. */
export function checkEnviron(environ: Record<string, unknown>, reporter: ViolationReporter): void {
  const method = environ.REQUEST_METHOD;
  if (typeof method !== "string" || !FIELD_NAME_PATTERN.test(method)) {
    // RFC 9110 §9.1: method = token (same grammar as a field name).
    reporter.violation("G-2.1", "server", `REQUEST_METHOD must be a non-empty token, got ${JSON.stringify(method)}`);
  }
  const scriptName = environ.SCRIPT_NAME;
  if (typeof scriptName !== "string" || (scriptName !== "" && (!scriptName.startsWith("/") || scriptName.endsWith("/")))) {
    reporter.violation("G-2.2", "server", `SCRIPT_NAME must be "" or start with "/" and not end with "/", got ${JSON.stringify(scriptName)}`);
  }
  const pathInfo = environ.PATH_INFO;
  if (typeof pathInfo !== "string" || (pathInfo !== "" && !pathInfo.startsWith("/") && !(pathInfo === "*" && method === "OPTIONS"))) {
    reporter.violation("G-2.3", "server", `PATH_INFO must be "" or start with "/" ("*" only for OPTIONS *), got ${JSON.stringify(pathInfo)}`);
  }
  const requestUri = environ.REQUEST_URI;
  if (typeof requestUri !== "string" || !(requestUri.startsWith("/") || requestUri === "*" || ABSOLUTE_FORM.test(requestUri))) {
    reporter.violation("G-2.11", "server", `REQUEST_URI must be the raw request target (origin-form, absolute-form or "*"), got ${JSON.stringify(requestUri)}`);
  }
  const queryString = environ.QUERY_STRING;
  if (typeof queryString !== "string") {
    reporter.violation("G-2.5", "server", `QUERY_STRING must be a string (possibly ""), got ${typeof queryString}`);
  }
  if (typeof requestUri === "string" && typeof scriptName === "string" && typeof pathInfo === "string") {
    const target = splitRequestTarget(requestUri);
    const decoded = decodePath(target.path);
    if (decoded !== scriptName + pathInfo) {
      reporter.violation("G-2.4", "server", `SCRIPT_NAME + PATH_INFO (${JSON.stringify(scriptName + pathInfo)}) must be the percent-decoded path of REQUEST_URI (${JSON.stringify(decoded)})`);
    }
    if (typeof queryString === "string" && queryString !== target.query) {
      reporter.violation("G-2.5", "server", `QUERY_STRING must be the raw query of REQUEST_URI (${JSON.stringify(target.query)}), got ${JSON.stringify(queryString)}`);
    }
  }
  for (const key of ["CONTENT_TYPE", "CONTENT_LENGTH"]) {
    if (key in environ && typeof environ[key] !== "string") {
      reporter.violation("G-2.6", "server", `${key} must be absent or a string, got ${typeof environ[key]}`);
    }
  }
  const contentLength = environ.CONTENT_LENGTH;
  if (typeof contentLength === "string" && !DIGITS.test(contentLength)) {
    reporter.violation("G-2.6", "server", `CONTENT_LENGTH must be decimal digits, got ${JSON.stringify(contentLength)}`);
  }
  for (const key of ["HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"]) {
    if (key in environ) reporter.violation("G-2.7", "server", `${key} must not be present (use ${key.slice(5)})`);
  }
  if (typeof environ.SERVER_NAME !== "string" || environ.SERVER_NAME === "") {
    reporter.violation("G-2.8", "server", `SERVER_NAME must be a non-empty string, got ${JSON.stringify(environ.SERVER_NAME)}`);
  }
  if (typeof environ.SERVER_PORT !== "string" || !PORT.test(environ.SERVER_PORT)) {
    reporter.violation("G-2.8", "server", `SERVER_PORT must be the port as a decimal string, got ${JSON.stringify(environ.SERVER_PORT)}`);
  }
  if (environ.SERVER_PROTOCOL !== "HTTP/1.0" && environ.SERVER_PROTOCOL !== "HTTP/1.1") {
    reporter.violation("G-2.9", "server", `SERVER_PROTOCOL must be "HTTP/1.0" or "HTTP/1.1", got ${JSON.stringify(environ.SERVER_PROTOCOL)}`);
  }
  if (typeof environ.REMOTE_ADDR !== "string") {
    reporter.violation("G-2.10", "server", `REMOTE_ADDR must be a string, got ${typeof environ.REMOTE_ADDR}`);
  }
  if (typeof environ.REMOTE_PORT !== "string" || !(environ.REMOTE_PORT === "" || PORT.test(environ.REMOTE_PORT))) {
    reporter.violation("G-2.10", "server", `REMOTE_PORT must be a decimal string or "", got ${JSON.stringify(environ.REMOTE_PORT)}`);
  }
  if ("HTTP_TRANSFER_ENCODING" in environ && "CONTENT_LENGTH" in environ) {
    // RFC 9112 §6.3: Transfer-Encoding overrides Content-Length; the server has already de-chunked.
    reporter.violation("G-3.7", "server", "CONTENT_LENGTH must be absent when the request body was sent with Transfer-Encoding");
  }
  checkKeys(environ, reporter);
  checkGatewayValues(environ, reporter);
}

function checkKeys(environ: Record<string, unknown>, reporter: ViolationReporter): void {
  for (const key of Object.keys(environ)) {
    const value = environ[key];
    if (key.startsWith("HTTP_")) {
      if (!HTTP_KEY.test(key)) reporter.violation("G-2.12", "server", `${key} is not a header key: upper-case, "-" mapped to "_"`);
      if (typeof value !== "string") reporter.violation("G-2.12", "server", `${key} must be a string, got ${typeof value}`);
    } else if (key.startsWith("gateway.")) {
      if (!GATEWAY_KEYS.has(key)) reporter.violation("G-2.22", "server", `${key} is not defined by this spec; server keys go under the server's own prefix`);
    } else if (!key.includes(".") && typeof value !== "string") {
      reporter.violation("G-2.21", "server", `CGI key ${key} must be a string (absent keys are left out, not undefined), got ${value === null ? "null" : typeof value}`);
    }
  }
  const cookie = environ.HTTP_COOKIE;
  if (typeof cookie === "string" && cookie.includes(", ")) {
    // Heuristic: a cookie-octet never holds "," (RFC 6265 §4.1.1), so ", " suggests Cookie lines joined the generic way.
    reporter.warning("G-2.13", `HTTP_COOKIE contains ", ": repeated Cookie fields are joined with "; " (RFC 6265 §5.4): ${JSON.stringify(cookie)}`);
  }
}

function checkGatewayValues(environ: Record<string, unknown>, reporter: ViolationReporter): void {
  const version = environ["gateway.version"];
  if (!Array.isArray(version) || version.length !== 2 || version[0] !== 1 || version[1] !== 0) {
    reporter.violation("G-2.15", "server", `gateway.version must be [1, 0], got ${JSON.stringify(version)}`);
  }
  const scheme = environ["gateway.url_scheme"];
  if (scheme !== "http" && scheme !== "https") {
    reporter.violation("G-2.16", "server", `gateway.url_scheme must be "http" or "https", got ${JSON.stringify(scheme)}`);
  }
  const input = environ["gateway.input"] as Record<PropertyKey, unknown> | null | undefined;
  if (typeof input !== "object" || input === null || !isFunction(input.read) || !isFunction(input.readline) || !isFunction(input[Symbol.asyncIterator])) {
    reporter.violation("G-2.17", "server", "gateway.input must be an InputStream with read(), readline() and async iteration");
  }
  const errors = environ["gateway.errors"] as Record<string, unknown> | null | undefined;
  if (typeof errors !== "object" || errors === null || !isFunction(errors.write) || !isFunction(errors.flush)) {
    reporter.violation("G-2.18", "server", "gateway.errors must be an ErrorStream with write() and flush()");
  }
  for (const key of ["gateway.multithread", "gateway.multiprocess", "gateway.run_once"]) {
    if (typeof environ[key] !== "boolean") reporter.violation("G-2.19", "server", `${key} must be a boolean, got ${typeof environ[key]}`);
  }
  if (!isFunction(environ["gateway.file_wrapper"])) {
    reporter.violation("G-2.20", "server", "gateway.file_wrapper must be a function (path, options) => FileBody");
  }
  if ("gateway.disconnect" in environ && !(environ["gateway.disconnect"] instanceof AbortSignal)) {
    reporter.violation("G-11.1", "server", "gateway.disconnect, when present, must be an AbortSignal (leave the key out when not offered)");
  }
  for (const key of ["gateway.early_hints", "gateway.on_finished"]) {
    if (key in environ && !isFunction(environ[key])) {
      reporter.violation("G-11.1", "server", `${key}, when present, must be a function (leave the key out when not offered)`);
    }
  }
}

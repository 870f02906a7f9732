/**
 * Compiles a gunicorn `--access-logformat` string into a line formatter. Formatting only: it never
 * writes anywhere (access-log.ts does).
 */
import { formatLogTime } from "./logger.js";
import { ServerKitError } from "./errors.js";
import type { AccessRecord } from "./server-types.js";

/** gunicorn's default access log format: the Apache combined log format. */
export const DEFAULT_ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"';

/** Turns one finished request into one access log line (without the newline). */
export type AccessLogFormatter = (record: AccessRecord) => string;

type Atom = (record: AccessRecord) => string;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Common Log Format time: "[24/Nov/2026:19:30:00 +0000]". */
function clfTime(milliseconds: number): string {
  // formatLogTime gives "YYYY-MM-DD hh:mm:ss +zzzz" in local time; rearrange it rather than redo the offset maths.
  const local = formatLogTime(milliseconds);
  const month = MONTHS[Number(local.slice(5, 7)) - 1] ?? "???";
  return `[${local.slice(8, 10)}/${month}/${local.slice(0, 4)}:${local.slice(11, 19)} ${local.slice(20)}]`;
}

function orDash(value: string | undefined): string {
  return value === undefined || value === "" ? "-" : value;
}

/** The user name of HTTP Basic credentials (RFC 7617 §2), for the `u` atom. */
function basicUser(record: AccessRecord): string {
  const authorization = record.requestHeader("authorization");
  if (authorization === undefined || !/^basic /i.test(authorization)) return "-";
  const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return orDash(colon === -1 ? decoded : decoded.slice(0, colon));
}

function pathOf(target: string): string {
  const query = target.indexOf("?");
  return query === -1 ? target : target.slice(0, query);
}

function queryOf(target: string): string {
  const query = target.indexOf("?");
  return query === -1 ? "" : target.slice(query + 1);
}

/** gunicorn's atoms (docs: "access_log_format"). */
const ATOMS: Readonly<Record<string, Atom>> = {
  h: (record) => orDash(record.remoteAddress),
  l: () => "-",
  u: basicUser,
  t: (record) => clfTime(record.startedAt),
  r: (record) => `${record.method} ${record.target} ${record.protocol}`,
  m: (record) => record.method,
  U: (record) => pathOf(record.target),
  q: (record) => queryOf(record.target),
  H: (record) => record.protocol,
  s: (record) => String(record.status),
  B: (record) => String(record.bytesSent),
  b: (record) => (record.bytesSent === 0 ? "-" : String(record.bytesSent)),
  f: (record) => orDash(record.referer),
  a: (record) => orDash(record.userAgent),
  T: (record) => String(Math.floor(record.durationMicros / 1_000_000)),
  M: (record) => String(Math.floor(record.durationMicros / 1000)),
  D: (record) => String(Math.round(record.durationMicros)),
  L: (record) => (record.durationMicros / 1_000_000).toFixed(6),
  p: () => `<${process.pid}>`,
};

function braceAtom(name: string, kind: string): Atom {
  const lower = name.toLowerCase();
  switch (kind) {
    case "i":
      return (record) => orDash(record.requestHeader(lower));
    case "e":
      return () => orDash(process.env[name]);
    case "o":
      // The access record carries no response headers: the writer owns them and they are not kept per request.
      return () => "-";
    default:
      throw new ServerKitError("ERR_KIT_INVALID_OPTION", `access log format: unknown variable %({${name}}${kind})s (use i, o or e after the braces)`);
  }
}

const VARIABLE_PATTERN = /%\(([^)]*)\)s|%%/g;

/**
 * Compiles a gunicorn access log format (`%(h)s %(l)s …`, `%({user-agent}i)s` for a request header,
 * `%({NAME}e)s` for an environment variable, `%%` for "%") into a formatter. Throws
 * ERR_KIT_INVALID_OPTION for an unknown variable, so a typo fails at startup, not per request.
 */
export function compileAccessLogFormat(format: string = DEFAULT_ACCESS_LOG_FORMAT): AccessLogFormatter {
  if (typeof format !== "string") throw new ServerKitError("ERR_KIT_INVALID_OPTION", "access log format must be a string");
  const literals: string[] = [];
  const atoms: Atom[] = [];
  let literal = "";
  let last = 0;
  for (const match of format.matchAll(VARIABLE_PATTERN)) {
    literal += format.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === "%%") {
      literal += "%";
      continue;
    }
    const name = match[1] ?? "";
    const braced = /^\{([^}]+)\}([a-z])$/.exec(name);
    let atom: Atom | undefined;
    if (braced !== null) atom = braceAtom(braced[1] as string, braced[2] as string);
    else if (Object.hasOwn(ATOMS, name)) atom = ATOMS[name];
    if (atom === undefined) throw new ServerKitError("ERR_KIT_INVALID_OPTION", `access log format: unknown variable %(${name})s`);
    literals.push(literal);
    atoms.push(atom);
    literal = "";
  }
  const tail = literal + format.slice(last);
  return (record) => {
    let line = "";
    for (let index = 0; index < atoms.length; index++) line += (literals[index] as string) + (atoms[index] as Atom)(record);
    return line + tail;
  };
}

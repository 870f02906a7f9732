/**
 * The command-line flags every patchbay server takes, as a declarative table. A server adds its own
 * flags with the same shape (runServerCli's extraFlags). Data only: parsing is cli-options.ts.
 */
import { LOG_LEVELS } from "./logger.js";
import {
  parseBindAddress,
  parseChoice,
  parseEnvAssignment,
  parsePositiveInteger,
  parseSecondsAsMilliseconds,
  parseStaticMount,
  type FlagValueParser,
} from "./flag-values.js";

/** One command-line flag. */
export interface FlagDefinition {
  /** Long name without the leading "--", e.g. "bind". */
  name: string;
  /** One-letter alias without the "-", e.g. "b". */
  short?: string;
  /** Placeholder shown in --help ("HOST:PORT"); a flag without one is a switch that takes no value. */
  valueName?: string;
  /** May be given more than once; the parsed values are collected into an array. */
  multiple?: boolean;
  /** One line for --help. */
  description: string;
  /** Converts the raw value. Default: keep the string. */
  parse?: FlagValueParser;
}

/** Flags shared by every server, in --help order. */
export const SERVER_FLAGS: readonly FlagDefinition[] = [
  { name: "bind", short: "b", valueName: "ADDRESS", multiple: true, parse: parseBindAddress, description: "HOST:PORT, [IPV6]:PORT or unix:PATH to listen on (repeatable). Default 127.0.0.1:8000, or $HOST/$PORT" },
  { name: "root", valueName: "DIR", description: "document root: an existing file there is served as static, anything else goes to the app" },
  { name: "static", valueName: "/PREFIX=DIR", multiple: true, parse: parseStaticMount, description: "serve DIR under URL /PREFIX (repeatable)" },
  { name: "static-cache-control", valueName: "VALUE", description: 'Cache-Control header for static files, e.g. "public, max-age=3600". Default none' },
  { name: "env", short: "e", valueName: "KEY=VALUE", multiple: true, parse: parseEnvAssignment, description: "add KEY to every request's environ (repeatable)" },
  { name: "access-log", valueName: "FILE", description: 'write an access log line per request to FILE ("-" for stdout). Default none' },
  { name: "access-log-format", valueName: "FORMAT", description: "gunicorn access log format, e.g. '%(h)s \"%(r)s\" %(s)s %(D)s'. Default: Apache combined" },
  { name: "log-level", valueName: "LEVEL", parse: parseChoice(LOG_LEVELS), description: `error log level: ${LOG_LEVELS.join(", ")}. Default info` },
  { name: "limit-request-line", valueName: "BYTES", parse: parsePositiveInteger, description: "longest request line (414 beyond). Default 8190" },
  { name: "limit-request-fields", valueName: "COUNT", parse: parsePositiveInteger, description: "most header fields in a request (431 beyond). Default 100" },
  { name: "limit-request-field-size", valueName: "BYTES", parse: parsePositiveInteger, description: "largest request header section, all fields together (431 beyond). Default 16384" },
  { name: "limit-request-body", valueName: "BYTES", parse: parsePositiveInteger, description: "largest request body (413 beyond). Default 1073741824" },
  { name: "limit-connections", valueName: "COUNT", parse: parsePositiveInteger, description: "most simultaneous connections. Default 10000" },
  { name: "keep-alive", valueName: "SECONDS", parse: parseSecondsAsMilliseconds, description: "idle time allowed between requests on a connection. Default 5" },
  { name: "header-timeout", valueName: "SECONDS", parse: parseSecondsAsMilliseconds, description: "time allowed to receive a request head. Default 10" },
  { name: "request-timeout", valueName: "SECONDS", parse: parseSecondsAsMilliseconds, description: "time allowed to receive a whole request. Default 60" },
  { name: "graceful-timeout", valueName: "SECONDS", parse: parseSecondsAsMilliseconds, description: "on stop, time in-flight requests get before connections are closed. Default 30" },
  { name: "help", short: "h", description: "show this help and exit" },
  { name: "version", description: "show the version and exit" },
];

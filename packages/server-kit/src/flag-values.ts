/**
 * Value parsers for command-line flags: each turns one raw string into a typed value or throws
 * ERR_KIT_USAGE saying what was expected. Pure; the flag name is added by the caller.
 */
import { ServerKitError } from "./errors.js";
import type { BindAddress, StaticMount } from "./server-types.js";

/** Parses one flag value; throws ServerKitError ERR_KIT_USAGE ("expected …, got '…'") when it is not valid. */
export type FlagValueParser = (value: string) => unknown;

function expected(what: string, value: string): ServerKitError {
  return new ServerKitError("ERR_KIT_USAGE", `expected ${what}, got '${value}'`);
}

const PORT_PATTERN = /^\d{1,5}$/;

/** A TCP port 0–65535 (0: any free port). */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!PORT_PATTERN.test(value) || port > 65535) throw expected("a port number from 0 to 65535", value);
  return port;
}

/** `HOST:PORT`, `[IPV6]:PORT` or `unix:PATH` (gunicorn's --bind forms). */
export function parseBindAddress(value: string): BindAddress {
  const what = "HOST:PORT, [IPV6]:PORT or unix:PATH";
  if (value.startsWith("unix:")) {
    const path = value.slice(5);
    if (path === "") throw expected(what, value);
    return { path };
  }
  let host: string;
  let port: string;
  if (value.startsWith("[")) {
    const close = value.indexOf("]");
    if (close === -1 || value[close + 1] !== ":") throw expected(what, value);
    host = value.slice(1, close);
    port = value.slice(close + 2);
  } else {
    const colon = value.lastIndexOf(":");
    if (colon === -1) throw expected(what, value);
    host = value.slice(0, colon);
    port = value.slice(colon + 1);
    // An unbracketed IPv6 address is ambiguous ("::1:8000"); RFC 3986 §3.2.2 brackets them.
    if (host.includes(":")) throw expected(`${what} (bracket IPv6 addresses)`, value);
  }
  if (host === "" || /\s/.test(host) || !PORT_PATTERN.test(port)) throw expected(what, value);
  return { host, port: parsePort(port) };
}

/** `/prefix=DIR`: serve DIR under the URL prefix (uWSGI's static-map). */
export function parseStaticMount(value: string): StaticMount {
  const equals = value.indexOf("=");
  const prefix = equals === -1 ? "" : value.slice(0, equals);
  const directory = equals === -1 ? "" : value.slice(equals + 1);
  if (!prefix.startsWith("/") || directory === "") throw expected("/PREFIX=DIRECTORY", value);
  return { prefix, directory };
}

/** `KEY=VALUE` for --env: the key is any non-empty text without "=", the value may be empty. */
export function parseEnvAssignment(value: string): [key: string, value: string] {
  const equals = value.indexOf("=");
  if (equals <= 0) throw expected("KEY=VALUE", value);
  return [value.slice(0, equals), value.slice(equals + 1)];
}

/** A positive integer (a count or a size in bytes). */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number <= 0) throw expected("a positive integer", value);
  return number;
}

/** A non-negative number of seconds (decimals allowed), returned in milliseconds. */
export function parseSecondsAsMilliseconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(seconds)) throw expected("a number of seconds", value);
  return Math.round(seconds * 1000);
}

/** A parser that accepts one of `choices`. */
export function parseChoice(choices: readonly string[]): FlagValueParser {
  return (value) => {
    if (!choices.includes(value)) throw expected(`one of ${choices.join(", ")}`, value);
    return value;
  };
}

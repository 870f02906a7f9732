// Path-parameter converters: how one "<name:kind>" segment matches, parses and formats; no routing knowledge.
import { RouteError } from "./errors.js";

/**
 * Turns one path parameter into a value and back. Register your own with `app.converter(name, converter)`.
 * Add its value type for `<name:kind>` inference by augmenting `ConverterTypes`.
 */
export interface Converter<Value = unknown> {
  /** Regular-expression source (no anchors) for the decoded path text of one value; groups are allowed. */
  readonly pattern: string;
  /** Turns the matched text into the parameter value; `undefined` rejects the match, so the next route is tried. */
  parse(text: string): Value | undefined;
  /** Turns a value back into decoded path text for `urlFor` (default `String(value)`). */
  format?(value: Value): string;
}

/**
 * The value type each converter kind gives a parameter, for typed `params`. Augment it for your own:
 * `declare module "@patchbay/framework-routes" { interface ConverterTypes { uuid: string } }`.
 */
export interface ConverterTypes {
  string: string;
  int: number;
  float: number;
  path: string;
}

function parseInteger(text: string): number | undefined {
  const value = Number(text);
  // Beyond 2^53 a number no longer names one integer, so "/items/9007199254740993" would alias another id.
  return Number.isSafeInteger(value) ? value : undefined;
}

function parseFloatValue(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function identity(text: string): string {
  return text;
}

/**
 * The built-in converters (Bottle's filters): `string` (default: one segment, no "/"), `int` (optional "-"
 * and digits, a safe integer), `float` (digits with an optional fraction), `path` (one or more segments,
 * "/" included). `<name:re:REGEX>` is handled by the pattern compiler, not by this table.
 */
export const BUILTIN_CONVERTERS: Readonly<Record<keyof ConverterTypes, Converter>> = {
  string: { pattern: "[^/]+", parse: identity },
  int: { pattern: "-?\\d+", parse: parseInteger },
  float: { pattern: "-?\\d+(?:\\.\\d+)?", parse: parseFloatValue },
  path: { pattern: ".+?", parse: identity },
};

const CONVERTER_NAME_PATTERN = /^[A-Za-z_$][\w$]*$/;

/**
 * Checks a converter before it is registered as `kind`: an identifier other than "re", a compilable string
 * pattern and a parse function. Throws ERR_ROUTE_INVALID_OPTION; returns the converter.
 */
export function checkConverter<Value>(kind: string, converter: Converter<Value>): Converter {
  if (!CONVERTER_NAME_PATTERN.test(kind) || kind === "re") {
    throw new RouteError("ERR_ROUTE_INVALID_OPTION", `a converter name must be an identifier other than "re", got ${JSON.stringify(kind)}`);
  }
  if (typeof converter !== "object" || converter === null || typeof converter.pattern !== "string" || typeof converter.parse !== "function") {
    throw new RouteError("ERR_ROUTE_INVALID_OPTION", `converter ${kind} needs a string pattern and a parse function`);
  }
  try {
    new RegExp(converter.pattern);
  } catch (error) {
    throw new RouteError("ERR_ROUTE_INVALID_OPTION", `converter ${kind}: pattern is not a valid regular expression`, { cause: error });
  }
  return converter as Converter;
}

// Field converters for URI templates ("{id:int(min=1)}"): built once per route at addRoute, never per request.
import { ResourceError } from "./errors.js";

/**
 * Converts one percent-decoded path segment into a parameter value. Returns `undefined` when the segment
 * does not fit, so the router tries the next route instead (a 404 if none fits, never a 400).
 */
export type Converter = (segment: string) => unknown;

/** The named arguments written in a template, e.g. `{ min: "1", max: "9" }` for `{id:int(min=1,max=9)}`. */
export type ConverterArguments = Readonly<Record<string, string>>;

/**
 * Builds a converter from its template arguments. Runs once per field when the route is added, so it
 * may validate its arguments (throw a ResourceError) and precompile what it needs.
 */
export type ConverterFactory = (args: ConverterArguments) => Converter;

const INTEGER_PATTERN = /^-?\d+$/;
const FLOAT_PATTERN = /^-?(?:\d+\.?\d*|\.\d+)$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkArguments(converter: string, args: ConverterArguments, allowed: readonly string[]): void {
  for (const name of Object.keys(args)) {
    if (!allowed.includes(name)) {
      throw new ResourceError("ERR_RESOURCE_INVALID_CONVERTER_OPTION", `converter "${converter}" takes ${allowed.length === 0 ? "no arguments" : allowed.join(", ")}, not "${name}"`);
    }
  }
}

function numberArgument(converter: string, args: ConverterArguments, name: string, integer: boolean): number | undefined {
  const text = args[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || (integer && !Number.isSafeInteger(value))) {
    throw new ResourceError("ERR_RESOURCE_INVALID_CONVERTER_OPTION", `converter "${converter}": ${name} must be ${integer ? "an integer" : "a number"}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/**
 * `int`: a decimal integer (optional leading "-"), as a number. Arguments: `min`, `max` (inclusive) and
 * `digits` (exact number of digits, e.g. `{year:int(digits=4)}`). Values beyond Number.MAX_SAFE_INTEGER
 * do not match.
 */
export const intConverter: ConverterFactory = (args) => {
  checkArguments("int", args, ["min", "max", "digits"]);
  const min = numberArgument("int", args, "min", true) ?? Number.MIN_SAFE_INTEGER;
  const max = numberArgument("int", args, "max", true) ?? Number.MAX_SAFE_INTEGER;
  const digits = numberArgument("int", args, "digits", true);
  return (segment) => {
    if (!INTEGER_PATTERN.test(segment)) return undefined;
    if (digits !== undefined && segment.length - (segment.charCodeAt(0) === 45 ? 1 : 0) !== digits) return undefined;
    const value = Number(segment);
    return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
  };
};

/** `float`: a finite decimal number (no exponent, no "Infinity"). Arguments: `min`, `max` (inclusive). */
export const floatConverter: ConverterFactory = (args) => {
  checkArguments("float", args, ["min", "max"]);
  const min = numberArgument("float", args, "min", false) ?? Number.NEGATIVE_INFINITY;
  const max = numberArgument("float", args, "max", false) ?? Number.POSITIVE_INFINITY;
  return (segment) => {
    if (!FLOAT_PATTERN.test(segment)) return undefined;
    const value = Number(segment);
    return value >= min && value <= max ? value : undefined;
  };
};

/** `uuid`: an RFC 9562 UUID in its 8-4-4-4-12 hex form, any case; the value is the lower-case string. */
export const uuidConverter: ConverterFactory = (args) => {
  checkArguments("uuid", args, []);
  return (segment) => (UUID_PATTERN.test(segment) ? segment.toLowerCase() : undefined);
};

/**
 * The converters every app knows. `path` is not here: it is structural (it spans segments), so the
 * template parser handles it, and the name is reserved.
 */
export const BUILT_IN_CONVERTERS: ReadonlyMap<string, ConverterFactory> = new Map([
  ["int", intConverter],
  ["float", floatConverter],
  ["uuid", uuidConverter],
]);

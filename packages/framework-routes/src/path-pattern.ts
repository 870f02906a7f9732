// Compiles "/users/<id:int>" patterns once into a matcher and a URL builder; knows nothing of requests or methods.
import type { Converter, ConverterTypes } from "./converter.js";
import { RouteError } from "./errors.js";

type ConverterValue<Kind extends string> = Kind extends `re:${string}` ? string : Kind extends keyof ConverterTypes ? ConverterTypes[Kind] : unknown;

type ParamOf<Inner extends string> = Inner extends `${infer Name}:${infer Kind}` ? { [Key in Name]: ConverterValue<Kind> } : { [Key in Inner]: string };

type ParamsOf<Pattern extends string> = Pattern extends `${string}<${infer Inner}>${infer Rest}` ? ParamOf<Inner> & ParamsOf<Rest> : Record<never, never>;

type Flatten<Shape> = { [Key in keyof Shape]: Shape[Key] };

/**
 * The parameter types a pattern literal declares: `PathParams<"/users/<id:int>/<slug>">` is
 * `{ id: number; slug: string }`. A pattern typed as plain `string` gives `Record<string, unknown>`.
 */
export type PathParams<Pattern extends string> = string extends Pattern ? Record<string, unknown> : Flatten<ParamsOf<Pattern>>;

/** One "<name:kind>" of a compiled pattern. */
interface PatternParam {
  readonly name: string;
  readonly converter: Converter;
  /** Index of this parameter's capture group in the pattern's regular expression. */
  readonly group: number;
  /** The converter's pattern anchored, to check values given to `build`. */
  readonly check: RegExp;
}

type PatternPart = { readonly literal: string } | { readonly param: PatternParam };

// "<name>", "<name:kind>" or "<name:re:REGEX>"; in REGEX, "\>" stands for ">".
const PARAM_SYNTAX = /<([A-Za-z_$][\w$]*)(?::([A-Za-z_$][\w$]*)(?::((?:\\.|[^\\>])*))?)?>/y;
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;

function countGroups(source: string): number {
  return (new RegExp(`(?:${source})|`).exec("") as RegExpExecArray).length - 1;
}

/**
 * Percent-encodes decoded path text for a URL. "/" stays: PATH_INFO is decoded, so a "/" in any value is a
 * separator (PEP 3333 cannot tell it from "%2F"). encodeURIComponent leaves only RFC 3986 §2.3 unreserved
 * characters and !'()* unencoded, all of which are safe in a path segment (§3.3).
 */
export function encodePathText(text: string): string {
  return encodeURIComponent(text).replaceAll("%2F", "/");
}

function formatScalar(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return typeof value === "number" || typeof value === "bigint" || typeof value === "boolean" ? String(value) : undefined;
}

/** A pattern compiled once at registration; `match` runs per request and allocates only the params object. */
export class CompiledPathPattern {
  /** The pattern as written. */
  readonly source: string;
  /** The whole path when the pattern has no parameters (routers look these up in a Map); else undefined. */
  readonly staticPath: string | undefined;
  /**
   * The literal text before the first parameter, up to and including its last "/" ("/api/users/" for
   * "/api/users/<id>", "/" for "/file-<n>"): every path the pattern matches starts with it (routers index on it).
   */
  readonly literalDirectory: string;
  /** Parameter names in order. */
  readonly paramNames: readonly string[];
  readonly #regex: RegExp | undefined;
  readonly #params: readonly PatternParam[];
  readonly #parts: readonly PatternPart[];

  constructor(source: string, regex: RegExp | undefined, parts: readonly PatternPart[]) {
    this.source = source;
    this.#regex = regex;
    this.#parts = parts;
    const params: PatternParam[] = [];
    for (const part of parts) if ("param" in part) params.push(part.param);
    this.#params = params;
    this.paramNames = params.map((param) => param.name);
    this.staticPath = params.length === 0 ? source : undefined;
    // Every "<" starts a parameter (the compiler refused any other), so the literal prefix ends at the first one.
    const open = source.indexOf("<");
    const prefix = open === -1 ? source : source.slice(0, open);
    this.literalDirectory = prefix.slice(0, prefix.lastIndexOf("/") + 1);
  }

  /** Matches a decoded path; returns the converted parameters, or undefined for no match. */
  match(path: string): Record<string, unknown> | undefined {
    if (this.#regex === undefined) return path === this.staticPath ? {} : undefined;
    const found = this.#regex.exec(path);
    if (found === null) return undefined;
    const params: Record<string, unknown> = {};
    for (const param of this.#params) {
      const value = param.converter.parse(found[param.group] as string);
      if (value === undefined) return undefined;
      params[param.name] = value;
    }
    return params;
  }

  /** Builds the percent-encoded path for `params`; throws ERR_ROUTE_INVALID_PARAM for a missing or non-matching value. */
  build(params: Readonly<Record<string, unknown>>): string {
    let path = "";
    for (const part of this.#parts) {
      if ("literal" in part) {
        path += part.literal;
        continue;
      }
      const { name, converter, check } = part.param;
      const value = params[name];
      if (value === undefined || value === null) {
        throw new RouteError("ERR_ROUTE_INVALID_PARAM", `route ${this.source} needs a value for <${name}>`);
      }
      const text = converter.format !== undefined ? converter.format(value) : formatScalar(value);
      if (text === undefined) {
        throw new RouteError("ERR_ROUTE_INVALID_PARAM", `<${name}> of route ${this.source} takes a string, number or boolean, got ${typeof value}`);
      }
      if (!check.test(text)) {
        throw new RouteError("ERR_ROUTE_INVALID_PARAM", `value ${JSON.stringify(text)} does not fit <${name}> of route ${this.source}`);
      }
      path += encodePathText(text);
    }
    return path;
  }
}

/**
 * Compiles a path pattern: literal text plus `<name>` (one segment), `<name:kind>` with a registered
 * converter, or `<name:re:REGEX>`. Throws ERR_ROUTE_INVALID_PATTERN or ERR_ROUTE_UNKNOWN_CONVERTER.
 */
export function compilePathPattern(source: string, converters: ReadonlyMap<string, Converter>): CompiledPathPattern {
  if (typeof source !== "string" || !source.startsWith("/")) {
    throw new RouteError("ERR_ROUTE_INVALID_PATTERN", `a route pattern must start with "/", got ${JSON.stringify(source)}`);
  }
  const parts: PatternPart[] = [];
  const names = new Set<string>();
  let regexSource = "^";
  let group = 1;
  let literal = "";
  let index = 0;
  const flushLiteral = (): void => {
    if (literal === "") return;
    parts.push({ literal: encodePathText(literal) });
    regexSource += literal.replace(REGEX_SPECIALS, "\\$&");
    literal = "";
  };
  while (index < source.length) {
    const open = source.indexOf("<", index);
    if (open === -1) {
      literal += source.slice(index);
      break;
    }
    literal += source.slice(index, open);
    PARAM_SYNTAX.lastIndex = open;
    const found = PARAM_SYNTAX.exec(source);
    if (found === null) {
      throw new RouteError("ERR_ROUTE_INVALID_PATTERN", `route ${source}: "<" at ${open} does not start <name>, <name:kind> or <name:re:REGEX>`);
    }
    const [, name = "", kind = "string", config] = found;
    if (names.has(name)) throw new RouteError("ERR_ROUTE_INVALID_PATTERN", `route ${source}: parameter <${name}> appears twice`);
    names.add(name);
    let converter: Converter;
    if (kind === "re") {
      const pattern = (config ?? "").replaceAll("\\>", ">");
      try {
        new RegExp(pattern);
      } catch (error) {
        throw new RouteError("ERR_ROUTE_INVALID_PATTERN", `route ${source}: <${name}:re:…> is not a valid regular expression`, { cause: error });
      }
      if (pattern === "") throw new RouteError("ERR_ROUTE_INVALID_PATTERN", `route ${source}: <${name}:re:…> needs a regular expression`);
      converter = { pattern, parse: (text) => text };
    } else {
      if (config !== undefined) throw new RouteError("ERR_ROUTE_INVALID_PATTERN", `route ${source}: only the "re" converter takes a configuration`);
      const registered = converters.get(kind);
      if (registered === undefined) throw new RouteError("ERR_ROUTE_UNKNOWN_CONVERTER", `route ${source}: no converter named "${kind}" is registered`);
      converter = registered;
    }
    flushLiteral();
    parts.push({ param: { name, converter, group, check: new RegExp(`^(?:${converter.pattern})$`) } });
    regexSource += `(${converter.pattern})`;
    group += 1 + countGroups(converter.pattern);
    index = open + found[0].length;
  }
  flushLiteral();
  const hasParams = names.size > 0;
  return new CompiledPathPattern(source, hasParams ? new RegExp(regexSource + "$") : undefined, parts);
}

/** Compiles route patterns ("/users/:id", "/files/*path") into segment lists, once, at setup. No request knowledge. */
import { InvalidRouteError } from "./errors.js";

/** One segment of a compiled pattern. */
export type PatternSegment =
  | { readonly kind: "static"; readonly value: string }
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "wildcard"; readonly name: string };

/** A compiled route pattern. */
export interface PathPattern {
  /** The normalised pattern: leading "/", no trailing "/" (except the root "/"). */
  readonly source: string;
  readonly segments: readonly PatternSegment[];
  /** Parameter names in path order (a wildcard's included). */
  readonly paramNames: readonly string[];
  /** True when the pattern has no parameter and no wildcard. */
  readonly isStatic: boolean;
  /** The pattern with names erased (":" for a parameter, "*" for a wildcard): patterns with the same shape match the same paths. */
  readonly shape: string;
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Compiles a pattern. Segments are literal text, `:name` (one non-empty segment), or, last only,
 * `*name` or `*` (the rest of the path, possibly empty; named "*" when unnamed). Literal segments are
 * compared with the percent-decoded path (PATH_INFO), so write them decoded. A trailing "/" is ignored.
 * Throws ERR_CHAIN_INVALID_ROUTE for a pattern not starting with "/", a bad or repeated name, or a
 * wildcard before the end.
 */
export function compilePathPattern(pattern: string): PathPattern {
  if (typeof pattern !== "string" || !pattern.startsWith("/")) throw new InvalidRouteError(`route pattern must start with "/", got ${JSON.stringify(pattern)}`);
  const source = pattern.length > 1 && pattern.endsWith("/") ? pattern.slice(0, -1) : pattern;
  const parts = source === "/" ? [] : source.slice(1).split("/");
  const segments: PatternSegment[] = [];
  const paramNames: string[] = [];
  const shapeParts: string[] = [];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as string;
    const marker = part.charAt(0);
    if (marker === ":" || marker === "*") {
      const name = part.slice(1) || (marker === "*" ? "*" : "");
      if (name !== "*" && !PARAM_NAME.test(name)) throw new InvalidRouteError(`route ${JSON.stringify(pattern)}: parameter name ${JSON.stringify(name)} must be letters, digits and "_", not starting with a digit`);
      if (paramNames.includes(name)) throw new InvalidRouteError(`route ${JSON.stringify(pattern)}: parameter ${JSON.stringify(name)} appears twice`);
      if (marker === "*" && index !== parts.length - 1) throw new InvalidRouteError(`route ${JSON.stringify(pattern)}: a wildcard must be the last segment`);
      paramNames.push(name);
      segments.push(marker === ":" ? { kind: "param", name } : { kind: "wildcard", name });
      shapeParts.push(marker);
    } else {
      segments.push({ kind: "static", value: part });
      shapeParts.push(part);
    }
  }
  return { source, segments, paramNames, isStatic: paramNames.length === 0, shape: `/${shapeParts.join("/")}` };
}

/** Joins a router prefix ("/api" or "") and a pattern ("/users" or "/"): "/api/users", "/api". */
export function joinPattern(prefix: string, pattern: string): string {
  if (prefix === "") return pattern;
  return pattern === "/" ? prefix : prefix + pattern;
}

/** Checks and normalises a router prefix: "" or "/segment…" without a trailing "/". */
export function normalizePrefix(prefix: string): string {
  if (typeof prefix !== "string" || (prefix !== "" && !prefix.startsWith("/"))) throw new InvalidRouteError(`router prefix must be "" or start with "/", got ${JSON.stringify(prefix)}`);
  return prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
}

// Matches a request path against compiled URI templates: a map lookup for all-static paths, else a segment tree; no regex is built per request.
import type { CompiledTemplate, TemplateSegment } from "./uri-template.js";
import { ResourceError } from "./errors.js";

/** Route parameters by field name, as converted (an `int` field gives a number). */
export type RouteParams = Readonly<Record<string, unknown>>;

/** A successful match. */
export interface RouteMatch<Target> {
  target: Target;
  params: RouteParams;
  /** The template that matched, e.g. "/things/{id:int}". */
  template: string;
}

/** What a terminal node holds. */
interface RouteEntry<Target> {
  target: Target;
  template: string;
  fieldNames: readonly string[];
  /** Reused for every hit of a route without fields (its params are frozen and empty). */
  staticMatch: RouteMatch<Target> | undefined;
}

type DynamicSegment = Exclude<TemplateSegment, { kind: "static" } | { kind: "path" }>;

interface DynamicEdge<Target> {
  segment: DynamicSegment;
  node: RouteNode<Target>;
  rank: number;
}

/** A literal child segment, for the nodes that have few of them. */
interface StaticChild<Target> {
  text: string;
  node: RouteNode<Target>;
}

/** Up to this many literal children, a node compares them in place instead of slicing out a map key. */
const MAX_SCANNED_CHILDREN = 4;

interface RouteNode<Target> {
  staticChildren: Map<string, RouteNode<Target>> | undefined;
  /**
   * The same children as a list while there are at most MAX_SCANNED_CHILDREN, else undefined. A map
   * lookup needs the segment sliced out and hashed (~25 ns a segment); comparing a few texts in place
   * needs neither.
   */
  fewStaticChildren: StaticChild<Target>[] | undefined;
  dynamicEdges: DynamicEdge<Target>[];
  pathEntry: { name: string; entry: RouteEntry<Target> } | undefined;
  entry: RouteEntry<Target> | undefined;
}

const EMPTY_PARAMS: RouteParams = Object.freeze({});

function createNode<Target>(): RouteNode<Target> {
  return { staticChildren: undefined, fewStaticChildren: undefined, dynamicEdges: [], pathEntry: undefined, entry: undefined };
}

/** Tries more specific dynamic segments first: mixed literal+field, then converted fields, then plain fields. */
function rankOf(segment: DynamicSegment): number {
  if (segment.kind === "compound") return 0;
  return segment.field.convert === undefined ? 2 : 1;
}

/**
 * A router over compiled templates. Precedence at each segment: a literal segment beats a field, a
 * compound segment beats a converted field, which beats a plain one, and a `path` field comes last; when
 * a preferred branch fails deeper down, the next one is tried. Among equals, the route added first wins.
 */
export class Router<Target> {
  readonly #root: RouteNode<Target> = createNode();
  /** The shared match of every template without fields, by its exact path: one lookup, no walking. */
  readonly #staticRoutes = new Map<string, RouteMatch<Target>>();

  /** Adds a compiled template; throws ERR_RESOURCE_DUPLICATE_ROUTE when the same template was added already. */
  add(compiled: CompiledTemplate, target: Target): void {
    let node = this.#root;
    const segments = compiled.segments;
    for (let index = 0; index < segments.length; index++) {
      const segment = segments[index] as TemplateSegment;
      if (segment.kind === "static") {
        node.staticChildren ??= new Map();
        let child = node.staticChildren.get(segment.text);
        if (child === undefined) {
          node.staticChildren.set(segment.text, (child = createNode()));
          const few = node.staticChildren.size <= MAX_SCANNED_CHILDREN;
          node.fewStaticChildren = few ? [...node.staticChildren].map(([text, childNode]) => ({ text, node: childNode })) : undefined;
        }
        node = child;
      } else if (segment.kind === "path") {
        if (node.pathEntry !== undefined) throw duplicate(compiled.template, node.pathEntry.entry.template);
        node.pathEntry = { name: segment.name, entry: this.#entry(compiled, target) };
        return;
      } else {
        let edge = node.dynamicEdges.find((candidate) => candidate.segment.source === segment.source);
        if (edge === undefined) {
          edge = { segment, node: createNode(), rank: rankOf(segment) };
          node.dynamicEdges.push(edge);
          // A stable sort keeps insertion order among edges of equal rank.
          node.dynamicEdges.sort((left, right) => left.rank - right.rank);
        }
        node = edge.node;
      }
    }
    if (node.entry !== undefined) throw duplicate(compiled.template, node.entry.template);
    node.entry = this.#entry(compiled, target);
    const staticMatch = node.entry.staticMatch;
    if (staticMatch !== undefined) {
      this.#staticRoutes.set(compiled.template, staticMatch);
      // An empty path is the root: the alias spares find a comparison per request.
      if (compiled.template === "/") this.#staticRoutes.set("", staticMatch);
    }
  }

  #entry(compiled: CompiledTemplate, target: Target): RouteEntry<Target> {
    const entry: RouteEntry<Target> = { target, template: compiled.template, fieldNames: compiled.fieldNames, staticMatch: undefined };
    if (compiled.fieldNames.length === 0) entry.staticMatch = Object.freeze({ target, params: EMPTY_PARAMS, template: compiled.template });
    return entry;
  }

  /** Finds the route for a percent-decoded path ("" counts as "/"), or undefined. */
  find(path: string): RouteMatch<Target> | undefined {
    // The match itself, not its entry, is the map's value: one load less per static hit. "" is found
    // here when "/" is a static route (see add), else below.
    const staticMatch = this.#staticRoutes.get(path);
    if (staticMatch !== undefined) return staticMatch;
    return this.#walk(path === "" ? "/" : path);
  }

  /**
   * find's tree walk, a method of its own so that find stays small enough for the optimizer to inline
   * into the app's handler within its inlining budget (the budget is shared by the whole request path).
   */
  #walk(path: string): RouteMatch<Target> | undefined {
    if (path.charCodeAt(0) !== 47) return undefined;
    const captured: unknown[] = [];
    const entry = this.#match(this.#root, path, 1, captured);
    if (entry === undefined) return undefined;
    if (entry.staticMatch !== undefined) return entry.staticMatch;
    const params: Record<string, unknown> = {};
    const names = entry.fieldNames;
    for (let index = 0; index < names.length; index++) params[names[index] as string] = captured[index];
    return { target: entry.target, params, template: entry.template };
  }

  /** Matches the segment starting at `start`; `captured` gets field values in template order, undone on backtrack. */
  #match(node: RouteNode<Target>, path: string, start: number, captured: unknown[]): RouteEntry<Target> | undefined {
    if (start > path.length) return node.entry;
    let end = path.indexOf("/", start);
    if (end === -1) end = path.length;
    const next = end + 1;
    const child = findStaticChild(node, path, start, end);
    if (child !== undefined) {
      const found = this.#match(child, path, next, captured);
      if (found !== undefined) return found;
    }
    if (end > start && node.dynamicEdges.length > 0) {
      const segment = path.slice(start, end);
      const edges = node.dynamicEdges;
      for (let index = 0; index < edges.length; index++) {
        const edge = edges[index] as DynamicEdge<Target>;
        const depth = captured.length;
        if (!captureSegment(edge.segment, segment, captured)) continue;
        const found = this.#match(edge.node, path, next, captured);
        if (found !== undefined) return found;
        captured.length = depth;
      }
    }
    if (node.pathEntry !== undefined && start < path.length) {
      captured.push(path.slice(start));
      return node.pathEntry.entry;
    }
    return undefined;
  }
}

/** The literal child of `node` for the segment path[start, end), or undefined. */
function findStaticChild<Target>(node: RouteNode<Target>, path: string, start: number, end: number): RouteNode<Target> | undefined {
  const few = node.fewStaticChildren;
  if (few === undefined) return node.staticChildren?.get(path.slice(start, end));
  const length = end - start;
  for (let index = 0; index < few.length; index++) {
    const candidate = few[index] as StaticChild<Target>;
    if (candidate.text.length === length && path.startsWith(candidate.text, start)) return candidate.node;
  }
  return undefined;
}

/** Pushes the segment's converted field values; false (and nothing kept) when it does not fit. */
function captureSegment(template: DynamicSegment, segment: string, captured: unknown[]): boolean {
  if (template.kind === "field") {
    const convert = template.field.convert;
    const value = convert === undefined ? segment : convert(segment);
    if (value === undefined) return false;
    captured.push(value);
    return true;
  }
  const match = template.pattern.exec(segment);
  if (match === null) return false;
  const depth = captured.length;
  const fields = template.fields;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index] as (typeof fields)[number];
    const text = match[index + 1] as string;
    const value = field.convert === undefined ? text : field.convert(text);
    if (value === undefined) {
      captured.length = depth;
      return false;
    }
    captured.push(value);
  }
  return true;
}

function duplicate(template: string, existing: string): ResourceError {
  return new ResourceError("ERR_RESOURCE_DUPLICATE_ROUTE", `route ${JSON.stringify(template)} matches exactly the same paths as ${JSON.stringify(existing)}, added before it`);
}

/**
 * Matches a request path against compiled patterns: a Map for fully static paths (one lookup), and a
 * segment tree for the rest (static child, then parameter, then wildcard, with backtracking). Builds
 * no regular expression and allocates only the parameter values. No request or method knowledge.
 */
import type { PathPattern } from "./path-pattern.js";

interface TreeNode<T> {
  statics: Map<string, TreeNode<T>> | undefined;
  /** The segment of the only static child, when there is exactly one (e.g. "api" under the root). */
  onlyStatic: string | undefined;
  /** That only static child. */
  onlyStaticChild: TreeNode<T> | undefined;
  param: TreeNode<T> | undefined;
  /** The value of a pattern ending here. */
  value: T | undefined;
  /** The value of a pattern ending in a wildcard here. */
  wildcard: T | undefined;
}

function createNode<T>(): TreeNode<T> {
  return { statics: undefined, onlyStatic: undefined, onlyStaticChild: undefined, param: undefined, value: undefined, wildcard: undefined };
}

const SLASH = 47;

/** A set of patterns, each holding one value; a later insert of the same shape replaces the value. */
export class RouteTree<T> {
  /**
   * The values of the fully static patterns, by normalised path (no trailing "/" but the root's).
   * A caller may look a path up here first, then call matchAfterMiss (what match does).
   */
  readonly statics: ReadonlyMap<string, T> = new Map<string, T>();
  readonly #staticValues = this.statics as Map<string, T>;
  readonly #root: TreeNode<T> = createNode();
  #hasDynamic = false;

  /** Stores `value` for every path `pattern` matches. */
  insert(pattern: PathPattern, value: T): void {
    if (pattern.isStatic) {
      this.#staticValues.set(pattern.source, value);
      return;
    }
    this.#hasDynamic = true;
    let node = this.#root;
    for (const segment of pattern.segments) {
      if (segment.kind === "static") {
        node.statics ??= new Map();
        let child = node.statics.get(segment.value);
        if (child === undefined) {
          child = createNode();
          node.statics.set(segment.value, child);
        }
        const only = node.statics.size === 1;
        node.onlyStatic = only ? segment.value : undefined;
        node.onlyStaticChild = only ? child : undefined;
        node = child;
      } else if (segment.kind === "param") {
        node.param ??= createNode();
        node = node.param;
      } else {
        node.wildcard = value;
        return;
      }
    }
    node.value = value;
  }

  /**
   * The value whose pattern matches `path` (which starts with "/"; a trailing "/" is ignored), pushing
   * the parameter values in pattern order onto `values`; undefined when none matches. A static segment
   * wins over a parameter, a parameter over a wildcard.
   */
  match(path: string, values: string[]): T | undefined {
    return this.#staticValues.get(path) ?? this.matchAfterMiss(path, values);
  }

  /**
   * match() for a path already looked up in `statics` and not found there: without its trailing "/",
   * then the segment tree. (No static key ends in "/", the root "/" apart, so the path as it is
   * answers every static hit; the router does that lookup itself, keeping its hot path small.)
   */
  matchAfterMiss(path: string, values: string[]): T | undefined {
    let key = path;
    if (path.length > 1 && path.charCodeAt(path.length - 1) === SLASH) {
      key = path.slice(0, -1);
      const found = this.#staticValues.get(key);
      if (found !== undefined) return found;
    }
    if (!this.#hasDynamic) return undefined;
    // For "/" there are no segments: start past the end.
    return walk(this.#root, key, key.length === 1 ? 2 : 1, values);
  }
}

/** Matches the segments of `path` from index `start` (the first character after a "/") below `node`. */
function walk<T>(node: TreeNode<T>, path: string, start: number, values: string[]): T | undefined {
  if (start > path.length) {
    if (node.value !== undefined) return node.value;
    if (node.wildcard !== undefined) {
      values.push("");
      return node.wildcard;
    }
    return undefined;
  }
  let segmentEnd = path.indexOf("/", start);
  if (segmentEnd === -1) segmentEnd = path.length;
  if (node.statics !== undefined) {
    const only = node.onlyStatic;
    // One static child (a shared prefix such as "/api/v1"): compare in place; slicing the segment
    // and hashing the new string for the Map cost ~15 ns per segment.
    const child =
      only === undefined
        ? node.statics.get(path.slice(start, segmentEnd))
        : only.length === segmentEnd - start && path.startsWith(only, start)
          ? node.onlyStaticChild
          : undefined;
    if (child !== undefined) {
      const found = walk(child, path, segmentEnd + 1, values);
      if (found !== undefined) return found;
    }
  }
  if (node.param !== undefined && segmentEnd > start) {
    const mark = values.length;
    values.push(path.slice(start, segmentEnd));
    const found = walk(node.param, path, segmentEnd + 1, values);
    if (found !== undefined) return found;
    values.length = mark;
  }
  if (node.wildcard !== undefined) {
    values.push(path.slice(start));
    return node.wildcard;
  }
  return undefined;
}

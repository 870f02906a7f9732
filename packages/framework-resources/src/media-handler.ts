// The media handler contract and the per-app registry that picks a handler by Content-Type or by Accept; no body I/O.
import Negotiator from "negotiator";
import { ResourceError } from "./errors.js";

/**
 * Reads and writes one media type. `deserialize` gets the whole request body (already size-limited)
 * and may return a promise; it throws an HTTPError (usually HTTPBadRequest) for malformed input.
 * `serialize` turns `response.media` into bytes or a string (sent as UTF-8).
 */
export interface MediaHandler {
  deserialize(body: Uint8Array, contentType: string): unknown;
  serialize(media: unknown, contentType: string): Uint8Array | string;
}

/** A handler found for a Content-Type. */
export interface MediaHandlerMatch {
  /** The registered media type that matched, e.g. "application/json" for "application/merge-patch+json". */
  mediaType: string;
  handler: MediaHandler;
}

/** Distinct Accept values remembered by one registry; past that the cache starts over (bounded memory). */
export const MAX_NEGOTIATION_CACHE_ENTRIES = 256;

const MEDIA_TYPE_PATTERN = /^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/;

/** Lower-cased "type/subtype" without parameters (RFC 9110 §8.3.1: both are case-insensitive). */
export function essenceOf(contentType: string): string {
  const semicolon = contentType.indexOf(";");
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * The media handlers of one app, keyed by media type. The first registered type is the default for
 * responses when the request has no Accept header. Built in: "application/json" (default) and
 * "application/x-www-form-urlencoded"; `set` adds or replaces one.
 */
export class MediaHandlers {
  readonly #handlers = new Map<string, MediaHandler>();
  #types: string[] = [];
  #negotiated = new Map<string, string | null>();

  /** Registers `handler` for `mediaType` ("type/subtype", no parameters); returns this for chaining. */
  set(mediaType: string, handler: MediaHandler): this {
    const type = mediaType.trim().toLowerCase();
    if (!MEDIA_TYPE_PATTERN.test(type)) throw new ResourceError("ERR_RESOURCE_INVALID_MEDIA_TYPE", `a media handler is registered for "type/subtype" without parameters, got ${JSON.stringify(mediaType)}`);
    if (typeof handler?.deserialize !== "function" || typeof handler.serialize !== "function") {
      throw new ResourceError("ERR_RESOURCE_INVALID_MEDIA_TYPE", `the handler for ${type} must have deserialize() and serialize()`);
    }
    if (!this.#handlers.has(type)) this.#types = [...this.#types, type];
    this.#handlers.set(type, handler);
    this.#negotiated.clear();
    return this;
  }

  /** The handler registered for exactly `mediaType`, or undefined. */
  get(mediaType: string): MediaHandler | undefined {
    return this.#handlers.get(mediaType.trim().toLowerCase());
  }

  /** Removes a handler; true when there was one. */
  delete(mediaType: string): boolean {
    const type = mediaType.trim().toLowerCase();
    if (!this.#handlers.delete(type)) return false;
    this.#types = this.#types.filter((candidate) => candidate !== type);
    this.#negotiated.clear();
    return true;
  }

  /** Registered media types in registration order. */
  get types(): readonly string[] {
    return this.#types;
  }

  /**
   * The handler for a request's Content-Type: an exact match on the essence, else, for a structured
   * suffix (RFC 6839), the handler of "application/<suffix>" ("application/merge-patch+json" → JSON).
   */
  forContentType(contentType: string): MediaHandlerMatch | undefined {
    const essence = essenceOf(contentType);
    const exact = this.#handlers.get(essence);
    if (exact !== undefined) return { mediaType: essence, handler: exact };
    const plus = essence.lastIndexOf("+");
    if (plus === -1) return undefined;
    const suffixType = `application/${essence.slice(plus + 1)}`;
    const bySuffix = this.#handlers.get(suffixType);
    return bySuffix === undefined ? undefined : { mediaType: suffixType, handler: bySuffix };
  }

  /**
   * The registered media type to answer in for an Accept header (RFC 9110 §12.5.1), or undefined when
   * none is acceptable (a 406). No Accept, or an empty one, means anything: the first registered type.
   */
  negotiate(accept: string | undefined): string | undefined {
    if (accept === undefined || accept === "" || accept === "*/*") return this.#types[0];
    let chosen = this.#negotiated.get(accept);
    if (chosen === undefined) {
      chosen = new Negotiator({ headers: { accept } }).mediaTypes(this.#types)[0] ?? null;
      if (this.#negotiated.size >= MAX_NEGOTIATION_CACHE_ENTRIES) this.#negotiated.clear();
      this.#negotiated.set(accept, chosen);
    }
    return chosen ?? undefined;
  }
}

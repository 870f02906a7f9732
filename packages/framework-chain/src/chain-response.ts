/**
 * `ctx.response`: the status, headers and body a chain is building. It only records them; turning
 * them into a gateway response is respond.ts's job.
 */
import { FIELD_NAME_PATTERN, FIELD_VALUE_PATTERN, isHopByHopHeader, type HeaderList } from "@patchbay/gateway";
import { InvalidHeaderError, InvalidOptionError, InvalidStatusError } from "./errors.js";
import { contentTypeFor, parseMediaType, shorthandContentType } from "./media-type.js";

/** A header value as application code may give it: arrays become repeated fields (Set-Cookie). */
export type HeaderValue = string | number | readonly string[];

/** A stored header. Never changed once stored (a change stores a new one), so one can serve many responses. */
interface StoredHeader {
  /** The lower-cased name, the lookup key. */
  readonly key: string;
  readonly name: string;
  readonly value: string | readonly string[];
}

/**
 * The header store of a response with no headers; never pushed to (#add replaces it). Shared stores
 * are frozen, and a response copies one before changing it (#own).
 */
const NO_HEADERS = Object.freeze([]) as readonly StoredHeader[] as StoredHeader[];

/** Default status: nothing answered yet (Koa's "404 until a body is set"). */
const DEFAULT_STATUS = 404;

function checkHeader(name: string, value: string): void {
  if (!FIELD_NAME_PATTERN.test(name)) throw new InvalidHeaderError(`header name is not a token (RFC 9110 §5.1): ${JSON.stringify(name)}`);
  if (!FIELD_VALUE_PATTERN.test(value)) throw new InvalidHeaderError(`header ${name} has CR, LF, NUL or a non-latin-1 character (RFC 9110 §5.5): ${JSON.stringify(value)}`);
  // RFC 9110 §7.6.1: connection-specific fields belong to the server.
  if (isHopByHopHeader(name)) throw new InvalidHeaderError(`hop-by-hop header ${name} is set by the server, not the application`);
  // A Status field is CGI's; the gateway takes the status from ctx.status only.
  if (name.length === 6 && name.toLowerCase() === "status") throw new InvalidHeaderError("a Status header is not allowed; set ctx.status instead");
}

/** Frozen Content-Type entries for the `ctx.type` shorthands, by the value given ("html", ".json"), made on first use. */
const shorthandEntries = new Map<string, StoredHeader>();

/** A Content-Type header prepared once for setDefaultContentType and headerListWithDefault. */
export interface DefaultContentType {
  /** The stored header, frozen. */
  readonly entry: StoredHeader;
  /** The header's value (`entry.value`, a string), for headerListWithDefault. */
  readonly value: string;
  /** A frozen header store holding only `entry`: the store of a response that had no other header. */
  readonly alone: StoredHeader[];
}

/** Prepares a constant Content-Type value for setDefaultContentType (at module load, not per request). */
export function defaultContentType(value: string): DefaultContentType {
  const entry: StoredHeader = Object.freeze({ key: "content-type", name: "Content-Type", value });
  return Object.freeze({ entry, value, alone: Object.freeze([entry]) as readonly StoredHeader[] as StoredHeader[] });
}

/** headerListWithDefault for a response that already has headers. */
function withDefault(response: ChainResponse, contentType: DefaultContentType): HeaderList {
  setDefaultContentType(response, contentType);
  return response.toHeaderList();
}

/**
 * Sets Content-Type when no Content-Type is set, skipping the checks of `set()`: for respond.ts's
 * defaults only, which are constant valid values (not exported from the package).
 */
export let setDefaultContentType: (response: ChainResponse, contentType: DefaultContentType) => void;

/**
 * setDefaultContentType, then the header list (toHeaderList): in one step, so that a response with no
 * header (the usual case) shares the type's one-entry store and gets its list built straight from the
 * constant, without a store array of its own (~3 ns a response). For respond.ts only.
 */
export let headerListWithDefault: (response: ChainResponse, contentType: DefaultContentType) => HeaderList;

/** The response a chain is building. Created by the app once per request. */
export class ChainResponse {
  #status = DEFAULT_STATUS;
  #explicitStatus = false;
  #body: unknown = undefined;
  // An array searched linearly, not a Map: responses carry a handful of headers, and a small array is
  // far cheaper to create per request than a Map and faster to search at this size. It starts as the
  // shared NO_HEADERS, so a response allocates its array only when it gets a header.
  #headers: StoredHeader[] = NO_HEADERS;

  static {
    // unchecked: the three regex/set checks of checkHeader cost ~60 ns per response for a constant value.
    // shared: the entry is one frozen object per default type, not one per response.
    setDefaultContentType = (response, contentType) => {
      if (response.#indexOf("content-type") === -1) response.#add(contentType.entry);
    };
    // Small on purpose (the optimiser's inlining budget): a response with headers takes the long way.
    headerListWithDefault = (response, contentType) => {
      if (response.#headers.length !== 0) return withDefault(response, contentType);
      response.#headers = contentType.alone;
      return [["Content-Type", contentType.value]];
    };
  }

  /** The status code; 404 until a body or status is set, 200 once a body is set, 204 for a null body. */
  get status(): number {
    return this.#status;
  }

  /** Sets the status: an integer 200–599 (RFC 9110 §15; 1xx responses cannot pass through startResponse). */
  set status(code: number) {
    if (!Number.isInteger(code) || code < 200 || code > 599) throw new InvalidStatusError(`status must be an integer from 200 to 599, got ${String(code)}`);
    this.#status = code;
    this.#explicitStatus = true;
  }

  /** True once application code set the status itself (a body then keeps it). */
  get hasExplicitStatus(): boolean {
    return this.#explicitStatus;
  }

  /** The body as last set; undefined until set. */
  get body(): unknown {
    return this.#body;
  }

  /**
   * Sets the body: a string, a Uint8Array, an async iterable of chunks (streamed), null (no content),
   * or any other value (sent as JSON). Sets the status to 200 (204 for null) unless it was set explicitly.
   */
  set body(value: unknown) {
    this.#body = value;
    if (!this.#explicitStatus) this.#status = value === null ? 204 : 200;
  }

  /** The media type of the Content-Type header, without parameters ("" when unset). */
  get type(): string {
    return parseMediaType(this.get("content-type")).type;
  }

  /** Sets Content-Type from a shorthand ("html", "json", "text", …) or a full media type. */
  set type(value: string) {
    // shorthand: a constant valid value, so one frozen entry serves every response and the checks of
    // set() (two regexes, a set lookup, ~60 ns) are skipped.
    let entry = shorthandEntries.get(value);
    if (entry === undefined) {
      const shorthand = shorthandContentType(value);
      if (shorthand !== undefined) shorthandEntries.set(value, (entry = defaultContentType(shorthand).entry));
    }
    if (entry !== undefined) {
      this.#put(entry);
      return;
    }
    const contentType = contentTypeFor(value);
    if (contentType === undefined) throw new InvalidOptionError(`unknown content type shorthand ${JSON.stringify(value)}; use "type/subtype" or one of html, text, json, css, js, xml, svg, png, form, bin`);
    this.set("Content-Type", contentType);
  }

  /** Replaces a response header (any case). An array sends the field once per value. */
  set(name: string, value: HeaderValue): void {
    let stored: string | readonly string[];
    if (typeof value === "string") stored = value;
    else if (typeof value === "number") stored = String(value);
    else stored = value.slice();
    if (typeof stored === "string") checkHeader(name, stored);
    else for (const item of stored) checkHeader(name, item);
    const key = name.toLowerCase();
    const index = this.#indexOf(key);
    // Replacing keeps the header's place, as Map.set did: the list stays in first-set order.
    if (index === -1) this.#add({ key, name, value: stored });
    else this.#own()[index] = { key, name, value: stored };
  }

  /** Adds a value to a response header, keeping those already set (e.g. a second Set-Cookie). */
  append(name: string, value: string): void {
    checkHeader(name, value);
    const key = name.toLowerCase();
    const index = this.#indexOf(key);
    if (index === -1) {
      this.#add({ key, name, value });
      return;
    }
    const existing = this.#headers[index] as StoredHeader;
    this.#own()[index] = { key, name: existing.name, value: typeof existing.value === "string" ? [existing.value, value] : [...existing.value, value] };
  }

  /** A response header's value (several values joined with ", "), or undefined. */
  get(name: string): string | undefined {
    const index = this.#indexOf(name.toLowerCase());
    if (index === -1) return undefined;
    const stored = this.#headers[index] as StoredHeader;
    return typeof stored.value === "string" ? stored.value : stored.value.join(", ");
  }

  /** True when the response header is set. */
  has(name: string): boolean {
    return this.#indexOf(name.toLowerCase()) !== -1;
  }

  /** Removes a response header. */
  remove(name: string): void {
    const index = this.#indexOf(name.toLowerCase());
    if (index !== -1) this.#own().splice(index, 1);
  }

  /** A snapshot of the response headers: lower-case names, several values joined with ", ". */
  get headers(): Readonly<Record<string, string>> {
    const headers = Object.create(null) as Record<string, string>;
    for (const { key, value } of this.#headers) headers[key] = typeof value === "string" ? value : value.join(", ");
    return headers;
  }

  /** The headers as a gateway header list, one pair per value, in the order they were first set. */
  toHeaderList(): HeaderList {
    const headers = this.#headers;
    if (headers.length === 1) {
      const { name, value } = headers[0] as StoredHeader;
      // One header (the default Content-Type, the usual case): an exact-size literal, where push()
      // gave the list a 17-slot backing store; with #add this halved the GC scavenges per request.
      if (typeof value === "string") return [[name, value]];
    }
    const list: HeaderList = [];
    // An index loop: the for…of with destructuring it replaces cost ~10 ns per response in a profile.
    for (let index = 0; index < headers.length; index++) {
      const { name, value } = headers[index] as StoredHeader;
      if (typeof value === "string") list.push([name, value]);
      else for (const item of value) list.push([name, item]);
    }
    return list;
  }

  /** Forgets status, headers and body (the error boundary starts its response from scratch). */
  reset(): void {
    this.#status = DEFAULT_STATUS;
    this.#explicitStatus = false;
    this.#body = undefined;
    this.#headers = NO_HEADERS;
  }

  /** Stores `entry`, replacing a header of the same name in its place. */
  #put(entry: StoredHeader): void {
    const index = this.#indexOf(entry.key);
    if (index === -1) this.#add(entry);
    else this.#own()[index] = entry;
  }

  /** The header store, ready to change in place: a shared (frozen) one is copied first. Not per request: only on edits. */
  #own(): StoredHeader[] {
    if (Object.isFrozen(this.#headers)) this.#headers = this.#headers.slice();
    return this.#headers;
  }

  /** Appends a header. The first one replaces the empty array with an exact-size literal (see toHeaderList). */
  #add(entry: StoredHeader): void {
    if (this.#headers.length === 0) this.#headers = [entry];
    else this.#own().push(entry);
  }

  /** The index of the stored header with lower-case name `key`, or -1. */
  #indexOf(key: string): number {
    const headers = this.#headers;
    for (let index = 0; index < headers.length; index++) {
      if ((headers[index] as StoredHeader).key === key) return index;
    }
    return -1;
  }
}

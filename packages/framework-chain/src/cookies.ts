/** `ctx.cookies`: reads request cookies (RFC 6265 §5.4) and appends Set-Cookie fields (RFC 6265 §4.1). No signing. */
import { parse, serialize, type SerializeOptions } from "cookie";
import type { Environ } from "@patchbay/gateway";
import type { ChainResponse } from "./chain-response.js";
import { InvalidHeaderError } from "./errors.js";

const NO_COOKIES: Record<string, string | undefined> = Object.freeze(Object.create(null) as Record<string, string | undefined>);

/** Set-Cookie attributes (the `cookie` package's); `path` defaults to "/" and `httpOnly` to true. */
export type CookieOptions = Omit<SerializeOptions, "encode">;

/** The cookie jar of one request. */
export class Cookies {
  readonly #environ: Environ;
  readonly #response: ChainResponse;
  #parsed: Record<string, string | undefined> | undefined;

  constructor(environ: Environ, response: ChainResponse) {
    this.#environ = environ;
    this.#response = response;
  }

  /** The value of request cookie `name` (percent-decoded), or undefined. Parses the Cookie header once. */
  get(name: string): string | undefined {
    if (this.#parsed === undefined) {
      const header = this.#environ.HTTP_COOKIE;
      // parse() returns a prototype-less object, so "constructor" is never mistaken for a cookie.
      this.#parsed = header === undefined ? NO_COOKIES : parse(header);
    }
    return this.#parsed[name];
  }

  /**
   * Appends a Set-Cookie for `name`; the value is percent-encoded. A null value deletes the cookie
   * (empty value, Max-Age 0 and an Expires in the past, RFC 6265 §3.1). Defaults: path "/", httpOnly.
   */
  set(name: string, value: string | null, options: CookieOptions = {}): void {
    const attributes: SerializeOptions = { path: "/", httpOnly: true, ...options };
    if (value === null) {
      attributes.maxAge = 0;
      attributes.expires = new Date(0);
    }
    let field: string;
    try {
      field = serialize(name, value ?? "", attributes);
    } catch (error) {
      throw new InvalidHeaderError(`cannot set cookie ${JSON.stringify(name)}: ${(error as Error).message}`, error);
    }
    this.#response.append("Set-Cookie", field);
  }
}

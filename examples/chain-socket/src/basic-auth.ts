// Basic authentication middleware (RFC 7617) for one user; it checks credentials and never renders a page.
import { createHash, timingSafeEqual } from "node:crypto";
import type { ChainMiddleware } from "@patchbay/framework-chain";
import { SiteError } from "./errors.js";

/** The part of context.state this middleware fills. */
export interface AuthState {
  /** The user name, once authenticated. */
  user?: string;
}

/** Options of basicAuth(). */
export interface BasicAuthOptions {
  user: string;
  password: string;
  /** The protection space shown by the browser (RFC 7235 §2.2). Default "admin". */
  realm?: string;
}

/** "Basic" is case-insensitive (RFC 7235 §2.1); the token68 follows one or more spaces. */
const BASIC_CREDENTIALS = /^basic +([A-Za-z0-9+/]+=*) *$/i;

/** SHA-256 first, so both sides have the same length and timingSafeEqual compares without leaking it. */
function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** The "user:password" pair of an Authorization header, or undefined when it is not Basic credentials. */
function credentialsOf(header: string | undefined): string | undefined {
  const match = header === undefined ? null : BASIC_CREDENTIALS.exec(header);
  return match?.[1] === undefined ? undefined : Buffer.from(match[1], "base64").toString("utf8");
}

/**
 * Lets a request through only with `Authorization: Basic base64(user:password)` for the configured user,
 * setting `context.state.user`; anything else is a 401 with `WWW-Authenticate: Basic realm="…", charset="UTF-8"`
 * (RFC 7617 §2, §2.1), which makes a browser ask for a user name and password.
 */
export function basicAuth<State extends AuthState>(options: BasicAuthOptions): ChainMiddleware<State> {
  if (options.user === "" || options.user.includes(":")) {
    throw new SiteError("ERR_SITE_INVALID_OPTION", "the basic-auth user name must be non-empty and hold no ':' (RFC 7617 §2)");
  }
  const expected = digest(`${options.user}:${options.password}`);
  const challenge = `Basic realm="${(options.realm ?? "admin").replaceAll(/["\\]/g, "")}", charset="UTF-8"`;

  return (context, next) => {
    const credentials = credentialsOf(context.get("authorization"));
    if (credentials === undefined || !timingSafeEqual(digest(credentials), expected)) {
      return context.throw(401, "Sign in to see this page.", { headers: { "WWW-Authenticate": challenge } });
    }
    context.state.user = options.user;
    return next();
  };
}

// Session middleware: the session lives in one signed cookie (no server-side store); it never renders anything.
import type { ChainMiddleware } from "@patchbay/framework-chain";
import { assertStrongSecret, signValue, verifySignedValue } from "./signed-cookie.js";

/** What this site keeps per visitor. */
export interface Session {
  /** Pages seen in this session. */
  visits: number;
  /** The name the visitor gave, if any. */
  name?: string;
}

/** The part of context.state this middleware fills. */
export interface SessionState {
  session: Session;
}

/** Options of sessions(). */
export interface SessionOptions {
  /** HMAC key, at least MIN_SECRET_BYTES bytes. */
  secret: string;
  /** Cookie name. Default "session". */
  cookieName?: string;
  /** Lifetime of a session since its last change, in seconds. Default SESSION_MAX_AGE_SECONDS (7 days). */
  maxAgeSeconds?: number;
  /** The clock, in ms since the epoch. Default Date.now. */
  now?: () => number;
}

/** Default session lifetime since its last change: 7 days. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** The signed payload: the session and when it stops being accepted (ms since the epoch). */
interface Payload {
  data: Session;
  expiresAt: number;
}

function isSession(value: unknown): value is Session {
  if (typeof value !== "object" || value === null) return false;
  const session = value as Record<string, unknown>;
  return Number.isSafeInteger(session.visits) && (session.name === undefined || typeof session.name === "string");
}

function readPayload(text: string | undefined): Payload | undefined {
  if (text === undefined) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Partial<Payload>;
    return typeof payload.expiresAt === "number" && isSession(payload.data) ? { data: payload.data, expiresAt: payload.expiresAt } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Puts the visitor's session on `context.state.session` ({ visits: 0 } when there is none, or when its cookie
 * is unsigned, tampered with or expired) and, after the rest of the chain, sends it back in a signed,
 * HttpOnly, SameSite=Lax cookie if it changed (Secure on https). The expiry is inside the signed payload,
 * so an old cookie cannot be replayed after it; a cookie's Max-Age alone is only a hint to the browser.
 */
export function sessions<State extends SessionState>(options: SessionOptions): ChainMiddleware<State> {
  assertStrongSecret(options.secret);
  const cookieName = options.cookieName ?? "session";
  const maxAgeSeconds = options.maxAgeSeconds ?? SESSION_MAX_AGE_SECONDS;
  const now = options.now ?? Date.now;

  return async (context, next) => {
    const cookie = context.cookies.get(cookieName);
    const payload = readPayload(cookie === undefined ? undefined : verifySignedValue(cookie, options.secret));
    const fresh = payload === undefined || payload.expiresAt <= now();
    context.state.session = fresh ? { visits: 0 } : payload.data;
    const before = JSON.stringify(context.state.session);

    await next();

    const after = JSON.stringify(context.state.session);
    if (after === before) return;
    const body = Buffer.from(JSON.stringify({ data: context.state.session, expiresAt: now() + maxAgeSeconds * 1000 })).toString("base64url");
    context.cookies.set(cookieName, signValue(body, options.secret), {
      httpOnly: true,
      sameSite: "lax",
      secure: context.request.secure,
      maxAge: maxAgeSeconds,
      path: "/",
    });
  };
}

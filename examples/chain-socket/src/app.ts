// The chain-socket example's application: a middleware chain on framework-chain. Server-neutral: no server import.
import { bodyParser, ChainApp, Router, type FormFields } from "@patchbay/framework-chain";
import type { Application } from "@patchbay/gateway";
import { basicAuth, type AuthState } from "./basic-auth.js";
import { adminPage, homePage } from "./pages.js";
import { requestLogger, type LogLine } from "./request-logger.js";
import { sessions, type SessionState } from "./sessions.js";

/** Everything the middleware put on context.state. */
export type SiteState = SessionState & AuthState;

/** Options of createSiteApp(). */
export interface SiteOptions {
  /** HMAC key of the session cookie, at least 32 bytes. */
  sessionSecret: string;
  adminUser: string;
  adminPassword: string;
  /** Where request log lines go. Default: standard output. */
  log?: LogLine;
}

/** Longest name kept in a session (the cookie must stay well under 4 KiB, RFC 6265 §6.1). */
export const MAX_NAME_LENGTH = 40;
/** Largest form body read: one short field. */
export const MAX_FORM_BYTES = 1024;
/**
 * The development secret, used when SESSION_SECRET is unset. It is public (it is in this file), so a
 * deployment must set its own: anyone knowing the secret can forge sessions.
 */
export const DEVELOPMENT_SESSION_SECRET = "patchbay-chain-socket-development-secret-do-not-deploy";

/**
 * Builds the site: a request logger, then sessions in a signed cookie, then the routes.
 * GET / counts visits in the session; POST /name and POST /forget change it and answer 303 to /
 * (RFC 9110 §15.4.4); GET /admin is behind basic auth.
 */
export function createSiteApp(options: SiteOptions): Application {
  const app = new ChainApp<SiteState>();
  let requestsServed = 0;

  const router = new Router<SiteState>();
  router.get("/", (context) => {
    context.state.session.visits += 1;
    context.type = "html";
    context.body = homePage(context.state.session, MAX_NAME_LENGTH);
  });
  router.post("/name", bodyParser({ kinds: ["form"], limitBytes: MAX_FORM_BYTES }), (context) => {
    const { name } = (context.request.body ?? {}) as FormFields;
    const trimmed = typeof name === "string" ? name.trim() : "";
    if (trimmed === "" || trimmed.length > MAX_NAME_LENGTH) return context.throw(422, `send a form field "name" of 1 to ${MAX_NAME_LENGTH} characters`);
    context.state.session.name = trimmed;
    context.status = 303;
    context.redirect("/");
  });
  router.post("/forget", (context) => {
    context.state.session = { visits: 0 };
    context.status = 303;
    context.redirect("/");
  });
  router.get("/admin", basicAuth<SiteState>({ user: options.adminUser, password: options.adminPassword }), (context) => {
    context.type = "html";
    context.body = adminPage(context.state.user ?? "", requestsServed);
  });

  app
    .use(requestLogger(options.log ?? ((line) => void process.stdout.write(`${line}\n`))))
    .use((_context, next) => {
      requestsServed += 1;
      return next();
    })
    .use(sessions<SiteState>({ secret: options.sessionSecret }))
    .use(router.routes())
    .use(router.allowedMethods());
  return app.application;
}

/**
 * Site options from the environment: SESSION_SECRET (default DEVELOPMENT_SESSION_SECRET), ADMIN_USER
 * (default "admin") and ADMIN_PASSWORD (default "patchbay"). The defaults are for trying it out only.
 */
export function siteOptionsFromEnvironment(environment: Readonly<Record<string, string | undefined>> = process.env): SiteOptions {
  const given = (name: string): string | undefined => (environment[name] === "" ? undefined : environment[name]);
  return {
    sessionSecret: given("SESSION_SECRET") ?? DEVELOPMENT_SESSION_SECRET,
    adminUser: given("ADMIN_USER") ?? "admin",
    adminPassword: given("ADMIN_PASSWORD") ?? "patchbay",
  };
}

/** The application the start script serves: `patchbay-socket src/app.ts:app`. */
export const app: Application = createSiteApp(siteOptionsFromEnvironment());

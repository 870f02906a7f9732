// The site's HTML pages as strings; every value from a visitor is escaped here. No I/O, no state.
import type { Session } from "./sessions.js";

/** Escapes text for an HTML element or a double-quoted attribute. */
function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<nav><a href="/">Home</a> · <a href="/admin">Admin</a></nav>
${content}
</body>
</html>
`;
}

/** The home page: a greeting from the session, the visit count, and the forms that change the session (names up to `maxNameLength`). */
export function homePage(session: Session, maxNameLength: number): string {
  const greeting = session.name === undefined ? "Hello, stranger." : `Hello, ${escapeHtml(session.name)}.`;
  return layout(
    "chain-socket",
    `<h1>${greeting}</h1>
<p>You have seen <strong id="visits">${session.visits}</strong> page${session.visits === 1 ? "" : "s"} in this session.</p>
<form method="post" action="/name"><label>Your name <input name="name" maxlength="${maxNameLength}" required></label> <button>Remember me</button></form>
<form method="post" action="/forget"><button>Forget me</button></form>`,
  );
}

/** The page behind basic auth. */
export function adminPage(user: string, requestsServed: number): string {
  return layout("admin", `<h1>Admin area</h1>
<p>Signed in as <strong id="user">${escapeHtml(user)}</strong>.</p>
<p>This worker has served <strong id="served">${requestsServed}</strong> requests.</p>`);
}

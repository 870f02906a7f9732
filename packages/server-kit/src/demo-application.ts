/**
 * The built-in demo a server runs when it is given no module: the tutorial's environ dump at /environ,
 * beside the static site in server-kit's demo/ folder (served by the static middleware, not here).
 */
import { fileURLToPath } from "node:url";
import { environApp, type Application } from "@patchbay/gateway";

/** The demo's document root: the demo/ folder next to src/ and dist/. */
export const DEMO_ROOT: string = fileURLToPath(new URL("../demo/", import.meta.url));

/** The dynamic path of the environ dump. */
export const DEMO_ENVIRON_PATH = "/environ";

const NOT_FOUND_BODY = Buffer.from("Not Found\n\nThe demo has a static site at / and its environ dump at /environ.\n");

/**
 * The demo application: PATH_INFO "/environ" gets gateway's `environApp` (the tutorial's app, unchanged);
 * any other path that reached the app (no static file matched) answers 404.
 */
export const demoApplication: Application = (environ, startResponse) => {
  if (environ.PATH_INFO === DEMO_ENVIRON_PATH) return environApp(environ, startResponse);
  startResponse("404 Not Found", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [NOT_FOUND_BODY];
};

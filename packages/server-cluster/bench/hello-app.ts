// The benchmark's application: the smallest useful response, so the numbers measure the server, not the app.
import type { Application } from "@patchbay/gateway";

const BODY = Buffer.from("Hello, World!");

export const app: Application = (_environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"], ["Content-Length", String(BODY.length)]]);
  return [BODY];
};

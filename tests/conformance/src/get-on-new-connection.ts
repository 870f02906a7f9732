/** GET over a connection of its own (no keep-alive pool), so a pre-fork server hands each request to a worker afresh; test-only. */
import { request } from "node:http";

/** How long the response may take before the request is given up. */
const GET_TIMEOUT_MS = 10_000;

/**
 * GETs `url` on a new TCP connection and resolves with the body as UTF-8 text, whatever the status.
 * Rejects when the request fails or takes longer than `timeoutMs` (default 10 s).
 *
 * @example
 * const pids = new Set<string>();
 * for (let index = 0; index < 6; index++) pids.add(await getOnNewConnection(`${cluster.url}/pid`));
 */
export function getOnNewConnection(url: string, timeoutMs: number = GET_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const clientRequest = request(url, { agent: false, timeout: timeoutMs }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve(body));
      response.on("error", reject);
    });
    clientRequest.on("timeout", () => clientRequest.destroy(new Error(`GET ${url} timed out`)));
    clientRequest.on("error", reject);
    clientRequest.end();
  });
}

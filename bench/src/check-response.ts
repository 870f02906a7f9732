// Fetches a URL once before it is loaded, so a figure is never the speed of an error page; reads, never loads.
import { get } from "node:http";

const CHECK_TIMEOUT_MS = 10_000;

/** Resolves when GET `url` answers 200 with a body of `expectedBytes` bytes; rejects with what came instead. */
export function checkResponse(url: string, expectedBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: CHECK_TIMEOUT_MS }, (response) => {
      let received = 0;
      response.on("data", (chunk: Buffer) => {
        received += chunk.length;
      });
      response.on("end", () => {
        if (response.statusCode !== 200) reject(new Error(`GET ${url} answered ${response.statusCode}`));
        else if (received !== expectedBytes) reject(new Error(`GET ${url} sent ${received} body bytes, expected ${expectedBytes}`));
        else resolve();
      });
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on("error", reject);
  });
}

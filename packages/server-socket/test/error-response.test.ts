// formatErrorResponse: a whole, self-delimited response that closes the connection.
import { describe, expect, it } from "vitest";
import { formatErrorResponse } from "../src/error-response.js";

describe("formatErrorResponse", () => {
  it("states the status, a Content-Length matching the body, and Connection: close", () => {
    const response = formatErrorResponse(431, "too many header fields");
    const [head, body] = response.split("\r\n\r\n") as [string, string];
    expect(head.split("\r\n")[0]).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(head).toMatch(/\r\nConnection: close$/);
    expect(head).toContain(`\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`);
    expect(head).toMatch(/\r\nDate: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT\r\n/);
    expect(body).toBe("Request Header Fields Too Large\n\ntoo many header fields\n");
  });

  it("leaves the Server field out when the server header is null", () => {
    expect(formatErrorResponse(400, "bad", null)).not.toMatch(/\r\nServer:/);
    expect(formatErrorResponse(400, "bad")).toMatch(/\r\nServer: patchbay\r\n/);
  });
});

// RequestBody: queueing, hand-off to a waiting reader, the high-water mark, end and failure.
import { describe, expect, it } from "vitest";
import { BODY_QUEUE_HIGH_WATER_BYTES, RequestBody } from "../src/request-body.js";

function createBody(): { body: RequestBody; resumes: () => number } {
  let resumeCount = 0;
  const body = new RequestBody({ resumeBody: () => resumeCount++ });
  return { body, resumes: () => resumeCount };
}

describe("RequestBody", () => {
  it("yields queued chunks in order, then the end", async () => {
    const { body } = createBody();
    body.push([Buffer.from("ab"), Buffer.alloc(0), Buffer.from("c")]);
    body.end();
    const chunks: string[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk).toString());
    expect(chunks).toEqual(["ab", "c"]);
  });

  it("hands a pushed chunk straight to a waiting reader and asks its owner for more", async () => {
    const { body, resumes } = createBody();
    const next = body.next();
    expect(resumes()).toBe(1);
    body.push([Buffer.from("x")]);
    expect(Buffer.from((await next).value as Uint8Array).toString()).toBe("x");
  });

  it("reports full at the high-water mark", () => {
    const { body } = createBody();
    body.push([Buffer.alloc(BODY_QUEUE_HIGH_WATER_BYTES - 1)]);
    expect(body.isFull).toBe(false);
    body.push([Buffer.alloc(1)]);
    expect(body.isFull).toBe(true);
    expect(body.queuedBytes).toBe(BODY_QUEUE_HIGH_WATER_BYTES);
  });

  it("rejects the waiting and later reads after fail()", async () => {
    const { body } = createBody();
    const waiting = body.next();
    body.fail(new Error("gone"));
    await expect(waiting).rejects.toThrow("gone");
    await expect(body.next()).rejects.toThrow("gone");
  });
});

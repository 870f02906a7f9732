// The api-loop example on a real server-loop over 127.0.0.1: the notes CRUD, its errors and its headers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, type Server } from "@patchbay/server-kit";
import { serve } from "@patchbay/server-loop";
import { createApiApp } from "../src/app.js";

let server: Server;
let baseUrl: string;
const logLines: string[] = [];

beforeAll(async () => {
  server = await serve(createApiApp(), {
    host: "127.0.0.1",
    port: 0,
    logger: createLogger({ level: "warning", write: (line) => void logLines.push(line) }),
  });
  const [address] = server.addresses;
  if (address === undefined) throw new Error("server-loop bound no address");
  baseUrl = address.url;
});

afterAll(async () => {
  await server.close(1000);
});

function sendJson(method: string, path: string, value: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(value) });
}

describe("api-loop on server-loop", () => {
  it("answers GET / with the API's links", async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ name: "patchbay notes API", links: { notes: "/notes", note: "/notes/{id}" } });
  });

  it("creates, lists, reads, replaces and deletes a note", async () => {
    const created = await sendJson("POST", "/notes", { title: "  Buy milk ", body: "two litres" });
    expect(created.status).toBe(201);
    const note = (await created.json()) as { id: number; title: string; body: string; createdAt: string; updatedAt: string };
    expect(note).toMatchObject({ title: "Buy milk", body: "two litres" });
    expect(created.headers.get("location")).toBe(`/notes/${note.id}`);

    const list = (await (await fetch(`${baseUrl}/notes`)).json()) as { id: number }[];
    expect(list.map((item) => item.id)).toContain(note.id);

    const read = await fetch(`${baseUrl}/notes/${note.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(note);

    const replaced = await sendJson("PUT", `/notes/${note.id}`, { title: "Buy oat milk" });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ id: note.id, title: "Buy oat milk", body: "", createdAt: note.createdAt });

    const deleted = await fetch(`${baseUrl}/notes/${note.id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect((await fetch(`${baseUrl}/notes/${note.id}`)).status).toBe(404);
  });

  it("answers a missing note with 404 problem+json", async () => {
    const response = await fetch(`${baseUrl}/notes/99999`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, title: "Not Found", detail: "no note 99999" });
  });

  it("refuses a note without a title with 422, and malformed JSON with 400", async () => {
    const unprocessable = await sendJson("POST", "/notes", { body: "no title" });
    expect(unprocessable.status).toBe(422);
    expect(await unprocessable.json()).toMatchObject({ detail: "title must be a non-blank string" });

    const malformed = await fetch(`${baseUrl}/notes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{not json" });
    expect(malformed.status).toBe(400);
  });

  it("answers a body over 64 KiB with 413 and keeps serving", async () => {
    const response = await sendJson("POST", "/notes", { title: "big", body: "x".repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect((await fetch(`${baseUrl}/notes`)).status).toBe(200);
  });

  it("answers a method the resource lacks with 405 and Allow", async () => {
    const response = await fetch(`${baseUrl}/notes`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
  });

  it("does not route ids the converter refuses", async () => {
    expect((await fetch(`${baseUrl}/notes/0`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/notes/abc`)).status).toBe(404);
  });

  it("logged no warning or error while serving", () => {
    expect(logLines).toEqual([]);
  });
});

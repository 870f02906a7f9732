// basicAuth() in memory: the challenge, malformed headers, the case of "Basic", and refused options.
import { ChainApp } from "@patchbay/framework-chain";
import { callApp } from "@patchbay/gateway";
import { describe, expect, it } from "vitest";
import { basicAuth, type AuthState } from "../src/basic-auth.js";

const app = new ChainApp<AuthState>();
app.use(basicAuth<AuthState>({ user: "ada", password: "pä:ss", realm: 'the "lab"' }));
app.use((context) => {
  context.body = `hello ${context.state.user ?? ""}`;
});

function authorization(value: string) {
  return callApp(app.application, { headers: { Authorization: value } });
}

const encode = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("basicAuth", () => {
  it("challenges a request without credentials (quotes dropped from the realm)", async () => {
    const result = await callApp(app.application);
    expect(result.status).toBe(401);
    expect(result.header("www-authenticate")).toBe('Basic realm="the lab", charset="UTF-8"');
  });

  it("admits the user with a UTF-8 password holding ':', whatever the case of the scheme", async () => {
    expect((await authorization(`Basic ${encode("ada:pä:ss")}`)).text).toBe("hello ada");
    expect((await authorization(`bASIC ${encode("ada:pä:ss")}`)).status).toBe(200);
  });

  it("refuses wrong credentials and other schemes or malformed values", async () => {
    for (const value of [`Basic ${encode("ada:wrong")}`, `Bearer ${encode("ada:pä:ss")}`, "Basic", "Basic !!!", `Basic ${encode("ada")}`]) {
      expect((await authorization(value)).status).toBe(401);
    }
  });

  it("refuses a user name that is empty or holds ':'", () => {
    expect(() => basicAuth({ user: "", password: "x" })).toThrow(expect.objectContaining({ code: "ERR_SITE_INVALID_OPTION" }));
    expect(() => basicAuth({ user: "a:b", password: "x" })).toThrow(expect.objectContaining({ code: "ERR_SITE_INVALID_OPTION" }));
  });
});

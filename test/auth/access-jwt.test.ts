import { env as workerEnv } from "cloudflare:test";
import { Hono } from "hono";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { type AccessConfig, roleForEmail, verifyAccessJwt } from "../../src/auth/access-jwt.ts";
import { requireAdmin } from "../../src/auth/admin-tokens.ts";
import type { AppEnv } from "../../src/http/app-env.ts";
import { AppError } from "../../src/http/problem.ts";
import { EDITOR_TOKEN } from "../helpers/tokens.ts";

const TEAM = "https://quiz-team.cloudflareaccess.com";
const AUD = "aud-tag-123";
const config: AccessConfig = { teamDomain: TEAM, audience: AUD, admins: "editor:ada@example.com,viewer:*@example.com" };

let sign: (claims: Record<string, unknown>, options?: { aud?: string; iss?: string; exp?: string }) => Promise<string>;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" }] });
  sign = (claims, options = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(options.iss ?? TEAM)
      .setAudience(options.aud ?? AUD)
      .setIssuedAt()
      .setExpirationTime(options.exp ?? "5m")
      .sign(privateKey);
});

describe("Cloudflare Access JWTs", () => {
  it("verifies the signature, issuer, audience and expiry and maps the email to a role", async () => {
    expect(await verifyAccessJwt(await sign({ email: "ada@example.com" }), config, keys)).toEqual({
      email: "ada@example.com",
      role: "editor",
    });
    expect(await verifyAccessJwt(await sign({ email: "bob@example.com" }), config, keys)).toMatchObject({
      role: "viewer",
    });
    expect(await verifyAccessJwt(await sign({ email: "eve@evil.test" }), config, keys)).toMatchObject({ role: null });
    for (const bad of [
      await sign({ email: "ada@example.com" }, { aud: "other" }),
      await sign({ email: "ada@example.com" }, { iss: "https://evil.cloudflareaccess.com" }),
      await sign({ email: "ada@example.com" }, { exp: "-1m" }),
      await sign({ sub: "no-email" }),
      "not.a.jwt",
    ]) {
      await expect(verifyAccessJwt(bad, config, keys)).rejects.toMatchObject({ code: "unauthorized" });
    }
  });

  it("takes the highest role an email's entries grant; domains match only whole domains", () => {
    expect(roleForEmail("ADA@example.com", config.admins)).toBe("editor");
    expect(roleForEmail("x@notexample.com", config.admins)).toBeNull();
    expect(roleForEmail("x@example.com.evil", config.admins)).toBeNull();
    expect(roleForEmail("a@b.c", "owner:a@b.c")).toBeNull();
  });
});

describe("requireAdmin with Access", () => {
  const env = {
    SIGN_IN_GUARD: workerEnv.SIGN_IN_GUARD,
    ADMIN_TOKENS: `editor:${EDITOR_TOKEN}`,
    ACCESS_TEAM_DOMAIN: TEAM,
    ACCESS_AUD: AUD,
    ACCESS_ADMINS: config.admins,
  } as unknown as Env;

  function app(minimum: "viewer" | "editor") {
    return new Hono<AppEnv>()
      .use(requireAdmin(minimum, { accessKeys: keys }))
      .get("/", (c) => c.json(c.var.admin))
      .onError((e, c) =>
        c.json({ code: e instanceof AppError ? e.code : "internal" }, e instanceof AppError ? (e.status as 401) : 500),
      );
  }

  it("signs in mapped emails without a token and names them", async () => {
    const ada = await app("editor").request(
      "/",
      { headers: { "cf-access-jwt-assertion": await sign({ email: "ada@example.com" }) } },
      env,
    );
    expect(ada.status).toBe(200);
    expect(await ada.json()).toEqual({ role: "editor", name: "editor-access", person: "ada@example.com" });
    const bob = await app("editor").request(
      "/",
      { headers: { "cf-access-jwt-assertion": await sign({ email: "bob@example.com" }) } },
      env,
    );
    expect(bob.status).toBe(403);
    const eve = await app("viewer").request(
      "/",
      { headers: { "cf-access-jwt-assertion": await sign({ email: "eve@evil.test" }) } },
      env,
    );
    expect(eve.status).toBe(403);
    const forged = await app("viewer").request("/", { headers: { "cf-access-jwt-assertion": "x.y.z" } }, env);
    expect(forged.status).toBe(401);
  });

  it("keeps the token's role and adds the verified person", async () => {
    const res = await app("editor").request(
      "/",
      {
        headers: {
          authorization: `Bearer ${EDITOR_TOKEN}`,
          "cf-access-jwt-assertion": await sign({ email: "bob@example.com" }),
        },
      },
      env,
    );
    expect(await res.json()).toEqual({ role: "editor", name: "editor-token", person: "bob@example.com" });
  });
});

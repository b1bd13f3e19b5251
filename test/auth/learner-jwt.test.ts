import { env } from "cloudflare:test";
import { generateKeyPair, importJWK, SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import { verifyLearnerToken } from "../../src/auth/learner-jwt.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

const PROJECT = "https://quizproject.supabase.co";

/** GET /api/me/stats as the token's learner, with the bindings changed by `vars`. */
function stats(token: string, vars: Partial<Env> = {}): Promise<Response> {
  return api("/api/me/stats", { headers: bearer(token), env: { ...env, ...vars } });
}

async function expectAccepted(res: Response): Promise<void> {
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ sessions: 0, answers: 0 });
}

describe("learner token claims", () => {
  it("refuses a token signed with the project secret for another audience, or with none", async () => {
    const sub = `aud-${crypto.randomUUID()}`;
    await expectAccepted(await stats(await learnerToken(sub)));
    const body = await expectProblem(await stats(await learnerToken(sub, { audience: "someone-else" })), 401);
    expect(body.detail).toBe("the token is not valid");
    await expectProblem(await stats(await learnerToken(sub, { audience: null })), 401);
  });

  it("checks the issuer once SUPABASE_URL names the project", async () => {
    const sub = `iss-${crypto.randomUUID()}`;
    const vars = { SUPABASE_URL: `${PROJECT}/` };
    await expectAccepted(await stats(await learnerToken(sub, { issuer: `${PROJECT}/auth/v1` }), vars));
    await expectProblem(
      await stats(await learnerToken(sub, { issuer: "https://evil.supabase.co/auth/v1" }), vars),
      401,
    );
    await expectProblem(await stats(await learnerToken(sub), vars), 401);
    // The issue's token: a foreign audience and a foreign issuer, signed with the project secret.
    const foreign = await learnerToken(sub, { audience: "someone-else", issuer: "https://elsewhere.example/auth" });
    await expectProblem(await stats(foreign, vars), 401);
  });

  it("takes the audience and issuer from SUPABASE_JWT_AUDIENCE and SUPABASE_JWT_ISSUER", async () => {
    const sub = `vars-${crypto.randomUUID()}`;
    const vars = { SUPABASE_JWT_AUDIENCE: "quiz-app", SUPABASE_JWT_ISSUER: "https://auth.quiz.test" };
    const token = await learnerToken(sub, { audience: "quiz-app", issuer: "https://auth.quiz.test" });
    await expectAccepted(await stats(token, vars));
    await expectProblem(await stats(await learnerToken(sub, { issuer: "https://auth.quiz.test" }), vars), 401);
    await expectProblem(await stats(await learnerToken(sub, { audience: "quiz-app" }), vars), 401);
  });
});

describe("SUPABASE_JWKS_URL (asymmetric learner tokens)", () => {
  const vars = () => ({ SUPABASE_JWKS_URL: inject("jwksUrl") });

  async function es256(sub: string, key: CryptoKey | Uint8Array, kid = "test-learner-key"): Promise<string> {
    return new SignJWT({ role: "authenticated" })
      .setProtectedHeader({ alg: "ES256", kid })
      .setSubject(sub)
      .setAudience("authenticated")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key);
  }

  it("accepts a token signed with the served key and refuses one signed with another", async () => {
    const served = await importJWK(inject("jwksPrivateKey"), "ES256");
    const sub = `jwks-${crypto.randomUUID()}`;
    await expectAccepted(await stats(await es256(sub, served), vars()));
    const learner = await verifyLearnerToken(await es256(sub, served), { ...env, ...vars() });
    expect(learner).toMatchObject({ id: sub, role: "authenticated" });

    const other = (await generateKeyPair("ES256")).privateKey;
    await expectProblem(await stats(await es256(sub, other), vars()), 401);
    await expectProblem(await stats(await es256(sub, other, "unknown-kid"), vars()), 401);
    // With a JWKS configured, a token signed with the HS256 project secret no longer passes.
    await expectProblem(await stats(await learnerToken(sub), vars()), 401);
  });
});

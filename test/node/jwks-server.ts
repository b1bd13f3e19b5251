import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import type { TestProject } from "vitest/node";

/**
 * A JWKS endpoint like Supabase's `/auth/v1/.well-known/jwks.json`, on a local port: one ES256
 * public key. Its private key is handed to the tests, so they can sign learner tokens the
 * Worker verifies through `SUPABASE_JWKS_URL` (jose fetching the set over HTTP).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = "test-learner-key";
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" }] });
  const server = createServer((req, res) => {
    if (req.url !== "/auth/v1/.well-known/jwks.json") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  project.provide("jwksUrl", `http://127.0.0.1:${port}/auth/v1/.well-known/jwks.json`);
  project.provide("jwksPrivateKey", { ...(await exportJWK(privateKey)), kid, alg: "ES256" });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { cacheStats } from "../../src/cache/stats.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { api } from "../helpers/http.ts";

it("smoke", async () => {
  const bank = await questionBank();
  await seedD1(env.DB, bank.slice(0, 50));
  const id = bank[0]?.id as string;
  for (let i = 0; i < 3; i++) {
    const res = await api(`/api/questions/${id}`);
    console.log(res.status, res.headers.get("x-cache"), res.headers.get("server-timing"), res.headers.get("etag"));
    console.log((await res.text()).slice(0, 200));
  }
  const other = bank[100]?.id as string;
  for (let i = 0; i < 2; i++) {
    const res = await api(`/api/questions/${other}`);
    console.log(res.status, res.headers.get("x-cache"), res.headers.get("server-timing"));
    await res.text();
  }
  console.log(JSON.stringify(cacheStats()));
  const s = await api(`/api/questions/search?q=capital`);
  console.log(s.status, s.headers.get("x-cache"), (await s.text()).slice(0, 300));
  const l = await api(`/api/questions?limit=2`);
  console.log(l.status, l.headers.get("x-cache"), (await l.text()).slice(0, 300));
  const r = await api(`/api/questions/random?category=music`);
  console.log(r.status, r.headers.get("x-cache"), (await r.text()).slice(0, 300));
  const sim = await api(`/api/questions/${id}/similar`);
  console.log(sim.status, sim.headers.get("x-cache"), (await sim.text()).slice(0, 300));
  expect(1).toBe(1);
});

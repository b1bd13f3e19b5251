import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for OpenAI's chat-completions API, so validation tests never reach the internet.
 * The API key picks the behaviour per model: `fake:<model>=<behaviour>,...,*=<behaviour>`, e.g.
 * `fake:gpt-4o-mini=timeout,*=good`. Behaviours: good, wrongkey, lowscore, malformed (not
 * JSON), badschema (JSON breaking the verdict schema), timeout (no answer for 60 s), 429, 500.
 * `GET /calls?key=...` lists the requests made with a key (model, temperature, response_format).
 */
export interface FakeOpenAi {
  /** Base URL as OPENAI_BASE_URL takes it (ends in /v1). */
  url: string;
  stop(): Promise<void>;
}

interface Call {
  model: string;
  temperature: number | undefined;
  responseFormat: unknown;
  messages: { role: string; content: string }[];
}

const TOKENS = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 };

function verdict(behaviour: string): unknown {
  const base = {
    bloomLevel: "understand",
    qualityScore: 0.92,
    answerKeyCorrect: true,
    issues: [] as string[],
    suggestedDifficulty: 3,
  };
  if (behaviour === "wrongkey") return { ...base, answerKeyCorrect: false, issues: ["the marked answer is wrong"] };
  if (behaviour === "lowscore") return { ...base, qualityScore: 0.3, issues: ["ambiguous wording"] };
  if (behaviour === "badschema") return { bloomLevel: "memorize", qualityScore: 7 };
  return base;
}

function behaviourFor(authorization: string | undefined, model: string): string {
  const key = (authorization ?? "").replace(/^Bearer\s+/i, "");
  const spec = key.startsWith("fake:") ? key.slice(5) : "*=good";
  const rules = new Map(
    spec.split(",").map((rule) => {
      const [m, b] = rule.split("=");
      return [m ?? "", b ?? "good"] as const;
    }),
  );
  return rules.get(model) ?? rules.get("*") ?? "good";
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const calls = new Map<string, Call[]>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/calls") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(calls.get(url.searchParams.get("key") ?? "") ?? []));
      return;
    }
    if (req.method !== "POST" || url.pathname !== "/v1/chat/completions") {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const body = await readJson(req);
    const model = String(body.model);
    const key = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    const list = calls.get(key) ?? [];
    list.push({
      model,
      temperature: body.temperature as number | undefined,
      responseFormat: body.response_format,
      messages: body.messages as Call["messages"],
    });
    calls.set(key, list);

    const behaviour = behaviourFor(req.headers.authorization, model);
    if (behaviour === "timeout") {
      const timer = setTimeout(() => res.destroy(), 60_000);
      res.on("close", () => clearTimeout(timer));
      return;
    }
    if (behaviour === "429" || behaviour === "500") {
      const status = Number(behaviour);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ error: { message: status === 429 ? "Rate limit reached" : "server error", type: "fake" } }),
      );
      return;
    }
    const content =
      behaviour === "malformed"
        ? "Sure! Here is my verdict: {bloomLevel: understand"
        : JSON.stringify(verdict(behaviour));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${Date.now()}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop" }],
        usage: TOKENS,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

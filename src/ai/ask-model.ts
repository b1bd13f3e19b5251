import OpenAI from "openai";
import type { ValidatableQuestion } from "../../schemas/pipeline-messages.ts";
import { type ValidationVerdict, ValidationVerdict as VerdictSchema } from "../../schemas/validation.ts";
import { VERDICT_RESPONSE_FORMAT, validationMessages } from "./validation-prompt.ts";

export interface ModelConnection {
  apiKey: string;
  /** Any OpenAI-compatible endpoint; the SDK's default when absent. */
  baseURL?: string;
  fetch?: typeof fetch;
}

export type ModelFailureKind = "timeout" | "rate_limited" | "server" | "malformed" | "refused" | "other";

/** A model call that produced no usable verdict; `tokens` were still spent. */
export class ModelCallError extends Error {
  constructor(
    readonly kind: ModelFailureKind,
    message: string,
    readonly tokens = 0,
  ) {
    super(message);
    this.name = "ModelCallError";
  }
}

export interface ModelVerdict {
  verdict: ValidationVerdict;
  tokens: number;
}

/** One client per batch: no SDK retries (the fallback chain decides), the call's own timeout. */
export function openModelClient(connection: ModelConnection, timeoutMs: number): OpenAI {
  return new OpenAI({
    apiKey: connection.apiKey,
    baseURL: connection.baseURL || undefined,
    timeout: timeoutMs,
    maxRetries: 0,
    fetch: connection.fetch ?? ((input, init) => fetch(input, init)),
  });
}

function classify(error: unknown): ModelCallError {
  if (error instanceof ModelCallError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new ModelCallError("timeout", "the model did not answer in time");
  if (error instanceof OpenAI.RateLimitError)
    return new ModelCallError("rate_limited", "the model API is rate limiting (429)");
  if (error instanceof OpenAI.APIError && typeof error.status === "number" && error.status >= 500) {
    return new ModelCallError("server", `the model API failed (${error.status})`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelCallError("other", `the model call failed: ${message.slice(0, 300)}`);
}

/**
 * Asks one model for a verdict with structured output, and checks the reply with the zod
 * schema: a reply that is not JSON or breaks the schema is a failure like a timeout.
 */
export async function askModel(
  client: OpenAI,
  model: string,
  question: ValidatableQuestion & { category?: string },
  temperature: number,
): Promise<ModelVerdict> {
  let completion: OpenAI.Chat.Completions.ChatCompletion;
  try {
    completion = await client.chat.completions.create({
      model,
      temperature,
      messages: [...validationMessages(question)],
      response_format: VERDICT_RESPONSE_FORMAT,
    });
  } catch (error) {
    throw classify(error);
  }
  const tokens = completion.usage?.total_tokens ?? 0;
  const message = completion.choices[0]?.message;
  if (!message?.content) {
    throw new ModelCallError(
      "refused",
      message?.refusal ? `the model refused: ${message.refusal}` : "an empty reply",
      tokens,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(message.content);
  } catch {
    throw new ModelCallError("malformed", "the reply is not JSON", tokens);
  }
  const parsed = VerdictSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ");
    throw new ModelCallError("malformed", `the reply breaks the verdict schema at ${where}`, tokens);
  }
  return { verdict: parsed.data, tokens };
}

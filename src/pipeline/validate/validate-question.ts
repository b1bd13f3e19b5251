import type OpenAI from "openai";
import type { Settings } from "../../../schemas/config-registry.ts";
import type { ValidatableQuestion } from "../../../schemas/pipeline-messages.ts";
import type { ValidationVerdict, Validator } from "../../../schemas/validation.ts";
import { askModel, ModelCallError, type ModelConnection, openModelClient } from "../../ai/ask-model.ts";
import { recordTokens, tokensSpent } from "../../ai/token-budget.ts";
import { PROMPT_VERSION } from "../../ai/validation-prompt.ts";
import { cachedVerdict, cacheVerdict, verdictCacheKey } from "../../ai/verdict-cache.ts";
import { boundedByOfflineChecks } from "./combine-verdicts.ts";
import { validateOffline } from "./offline-validator.ts";

export const OFFLINE_PROMPT_VERSION = "offline-v2";

export type ValidationSettings = Pick<
  Settings,
  | "ai.model"
  | "ai.fallback_model"
  | "ai.temperature"
  | "ai.cache_ttl"
  | "ai.timeout_ms"
  | "ai.daily_token_budget"
  | "features.ai_validation"
>;

export interface ValidationOutcome {
  verdict: ValidationVerdict;
  validator: Validator;
  model: string | null;
  promptVersion: string;
  tokens: number;
  cached: boolean;
  /** Why the model path was left (failures, budget), oldest first; empty when it answered or was not configured. */
  notes: string[];
}

/** A model that failed this many times in a row is skipped for the rest of the batch. */
const CONSECUTIVE_FAILURES_TO_SKIP = 3;

/**
 * Validates the questions of one batch: the configured model, then the fallback model on
 * failure or timeout, then the offline validator. Without an API key, with the feature flag
 * off or past the daily token budget, offline only. Holds per-batch state (the client, models
 * that keep failing), so a batch of questions does not wait on a dead endpoint each time.
 */
export class QuestionValidator {
  private readonly client: OpenAI | null;
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly db: D1Database,
    private readonly settings: ValidationSettings,
    connection: ModelConnection | null,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const useModel = settings["features.ai_validation"].enabled && connection && connection.apiKey.length > 0;
    this.client = useModel ? openModelClient(connection, settings["ai.timeout_ms"]) : null;
  }

  async validate(q: ValidatableQuestion & { contentHash: string; category?: string }): Promise<ValidationOutcome> {
    const notes: string[] = [];
    const offline = validateOffline(q);
    if (this.client) {
      const models = [...new Set([this.settings["ai.model"], this.settings["ai.fallback_model"]])];
      for (const model of models) {
        const outcome = await this.tryModel(this.client, model, q, notes);
        if (outcome) return { ...outcome, verdict: boundedByOfflineChecks(outcome.verdict, offline) };
      }
    }
    return {
      verdict: offline,
      validator: "offline",
      model: null,
      promptVersion: OFFLINE_PROMPT_VERSION,
      tokens: 0,
      cached: false,
      notes,
    };
  }

  private async tryModel(
    client: OpenAI,
    model: string,
    q: ValidatableQuestion & { contentHash: string; category?: string },
    notes: string[],
  ): Promise<ValidationOutcome | null> {
    const key = verdictCacheKey(model, PROMPT_VERSION, q.contentHash);
    const now = this.clock();
    const hit = await cachedVerdict(this.db, key, now.getTime());
    if (hit) return this.outcome(hit, model, 0, true, notes);
    if ((this.failures.get(model) ?? 0) >= CONSECUTIVE_FAILURES_TO_SKIP) {
      notes.push(`${model}: skipped after ${CONSECUTIVE_FAILURES_TO_SKIP} failures in a row`);
      return null;
    }
    if ((await tokensSpent(this.db, now)) >= this.settings["ai.daily_token_budget"]) {
      notes.push("the daily token budget is spent");
      return null;
    }
    try {
      const { verdict, tokens } = await askModel(client, model, q, this.settings["ai.temperature"]);
      this.failures.set(model, 0);
      await recordTokens(this.db, tokens, this.clock());
      await cacheVerdict(this.db, key, verdict, this.settings["ai.cache_ttl"], this.clock().getTime());
      return this.outcome(verdict, model, tokens, false, notes);
    } catch (error) {
      const failure =
        error instanceof ModelCallError
          ? error
          : new ModelCallError("other", error instanceof Error ? error.message : String(error));
      this.failures.set(model, (this.failures.get(model) ?? 0) + 1);
      await recordTokens(this.db, failure.tokens, this.clock());
      notes.push(`${model}: ${failure.kind}: ${failure.message}`);
      return null;
    }
  }

  private outcome(
    verdict: ValidationVerdict,
    model: string,
    tokens: number,
    cached: boolean,
    notes: string[],
  ): ValidationOutcome {
    return { verdict, validator: "openai", model, promptVersion: PROMPT_VERSION, tokens, cached, notes };
  }
}

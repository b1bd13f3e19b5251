import type { EngineName, SessionMode, SubmitAnswerBody } from "../../../schemas/session-api.ts";
import type { AdaptiveSettings } from "../../adaptive/settings.ts";

/** Who is calling: the signed-in learner's id, or null for an anonymous session's holder. */
export interface Caller {
  learnerId: string | null;
  settings: AdaptiveSettings;
}

export interface StartRequest extends Caller {
  sessionId: string;
  category: string;
  language: string | null;
  length: number;
  /** The starting level, when the learner asked for one. */
  level?: number;
  mode: SessionMode;
  engine: EngineName;
}

export interface AnswerRequest extends Caller {
  sessionId: string;
  idempotencyKey: string;
  body: SubmitAnswerBody;
}

import { DurableObject } from "cloudflare:workers";
import type { Question } from "../../schemas/question.ts";
import type { SessionEvent } from "../../schemas/session-events.ts";
import { initialState } from "../adaptive/engine.ts";
import type { SessionSettings } from "../adaptive/settings.ts";
import { Lru } from "../cache/lru.ts";
import { AppError } from "../http/problem.ts";
import { type OriginConnection, openOrigin } from "../origin/client.ts";
import { statsView } from "../progress/stats-view.ts";
import { chooseNextQuestion } from "../reviews/review-choice.ts";
import { reviewsView } from "../reviews/review-views.ts";
import { ALARM_TASKS, runAlarmTasks } from "./alarm-tasks.ts";
import { ANSWER_EFFECTS, runAnswerEffects, runSessionEffects, SESSION_EFFECTS } from "./answer-effects.ts";
import type { EffectContext } from "./effect-types.ts";
import { isAnonymousObject } from "./learner-stub.ts";
import { AnswerClaims, replyWithin } from "./object/answer-claims.ts";
import { answerResult, gradeSubmission } from "./object/grade-submission.ts";
import { QuestionSource } from "./object/question-source.ts";
import { type ObjectReply, replying, success } from "./object/reply.ts";
import type { AnswerRequest, Caller, StartRequest } from "./object/requests.ts";
import { sessionState, sessionSummary } from "./object/views.ts";
import { readStoredResponse, storeResponse } from "./storage/idempotency-store.ts";
import { migrationsFor } from "./storage/migrations.ts";
import { hasSchema, migrateSchema, type SchemaMigration } from "./storage/schema-migrations.ts";
import {
  answeredQuestionIds,
  insertAnswer,
  insertSession,
  readAbility,
  readSession,
  type StoredSession,
  sessionProgress,
  updateSession,
  writeAbility,
} from "./storage/session-store.ts";

/** Sessions an object keeps in memory (a learner plays one or two at a time). */
const SESSIONS_IN_MEMORY = 8;
/** Questions answered within this window are not asked again while others remain. */
export const RECENT_WINDOW_MS = 7 * 24 * 3_600_000;
/** A retry arriving while its original is still being graded waits this long for its response. */
export const IN_FLIGHT_WAIT_MS = 5_000;

function notFound(): AppError {
  // The same answer whether the session is someone else's or does not exist.
  return new AppError("not_found", "no session with this id");
}

function conflict(detail: string): AppError {
  return new AppError("conflict", detail);
}

/**
 * One learner's state (or one anonymous session's): sessions, graded answers with their
 * idempotency records, and an ability per category, in the object's SQLite storage.
 *
 * Reading questions is I/O outside storage, so calls interleave there. Exactly-once grading
 * rests on two claims taken synchronously before that I/O (the idempotency key, and the
 * session's current question) and on re-checking the session inside the commit transaction.
 */
export class LearnerObject extends DurableObject<Env> {
  readonly #claims = new AnswerClaims();
  /** Sessions as last committed; this object is their only writer, so memory stays in step. */
  readonly #sessions = new Lru<StoredSession>(SESSIONS_IN_MEMORY);
  #schemaReady: boolean;
  readonly #migrations: readonly SchemaMigration[];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#migrations = migrationsFor(isAnonymousObject(ctx.id));
    this.#schemaReady = hasSchema(ctx.storage.sql);
    // Pending steps of an existing object run before any call; a new object gets its schema on first write.
    if (this.#schemaReady) migrateSchema(ctx.storage, this.#migrations);
  }

  async startSession(request: StartRequest): Promise<ObjectReply> {
    return replying(async () => {
      this.#ensureSchema();
      const sql = this.ctx.storage.sql;
      if (readSession(sql, request.sessionId)) throw conflict("a session with this id exists");
      const now = Date.now();
      const engine = initialState(
        request.engine,
        { level: request.level, ability: request.learnerId === null ? null : readAbility(sql, request.category) },
        request.settings,
      );
      const scope = {
        category: request.category,
        language: request.language,
        recent: answeredQuestionIds(sql, request.sessionId, recentSince(request.learnerId, now)).recent,
        session: new Set<string>(),
      };
      const review = { sql, mode: request.mode, learnerId: request.learnerId, asked: 0, now, starting: true };
      const question = await this.#withSource((source) =>
        chooseNextQuestion(source, scope, engine, request.settings, review),
      );
      if (!question) throw new AppError("not_found", "no active question matches this topic and language");
      const session: StoredSession = {
        id: request.sessionId,
        learnerId: request.learnerId,
        category: request.category,
        language: request.language,
        mode: request.mode,
        length: request.length,
        position: 0,
        status: "active",
        engine,
        current: question,
        startedAt: now,
        finishedAt: null,
      };
      const profile = { timeZone: request.timeZone ?? null, displayName: request.displayName ?? null };
      this.#transaction(now, request.settings, (effects) => {
        insertSession(sql, session);
        runSessionEffects(
          SESSION_EFFECTS,
          sql,
          { ...sessionEvent("started", session, 0, 0, now), ...profile },
          effects,
        );
      });
      this.#sessions.set(session.id, session);
      return success(201, sessionState(session, request.settings));
    });
  }

  async getSession(sessionId: string, caller: Caller): Promise<ObjectReply> {
    return replying(() => success(200, sessionState(this.#ownSession(sessionId, caller), caller.settings)));
  }

  async finishSession(sessionId: string, caller: Caller): Promise<ObjectReply> {
    return replying(() => {
      let session = this.#ownSession(sessionId, caller);
      if (session.status === "active") {
        const now = Date.now();
        const done: StoredSession = { ...session, status: "finished", current: null, finishedAt: now };
        this.#transaction(now, caller.settings, (effects) => {
          updateSession(this.ctx.storage.sql, done);
          this.#finished(done, now, effects);
        });
        this.#sessions.set(done.id, done);
        session = done;
      }
      return success(200, sessionSummary(this.ctx.storage.sql, session));
    });
  }

  /**
   * Grades one answer exactly once per idempotency key and per question. A replay returns the
   * stored response byte for byte; the same key with another body is 422; a retry while the
   * first request runs gets its reply (409 if that takes over IN_FLIGHT_WAIT_MS); another
   * answer to a question already being graded, or to one no longer current, is 409.
   */
  async submitAnswer(request: AnswerRequest): Promise<ObjectReply> {
    return replying(async () => {
      const canonical = JSON.stringify(request.body);
      const keyId = `${request.sessionId}\n${request.idempotencyKey}`;
      const session = this.#ownSession(request.sessionId, request);
      const replay = this.#replay(request, canonical);
      if (replay) return replay;
      const running = this.#claims.running(keyId);
      if (running) {
        if (running.request !== canonical) throw keyReused();
        const reply = await replyWithin(running, IN_FLIGHT_WAIT_MS);
        if (reply) return reply;
        throw new AppError("conflict", "a request with this Idempotency-Key is still being processed; retry shortly", {
          headers: { "retry-after": "1" },
        });
      }
      if (session.status !== "active" || !session.current) throw conflict("the session is finished");
      if (request.body.questionId !== session.current.id) throw conflict("this question is not the current one");
      if (this.#claims.busy(session.id)) throw conflict("an answer to this question is already being graded");
      const asked = { ...session, current: session.current };
      return this.#claims.hold(session.id, keyId, canonical, () =>
        replying(() => this.#gradeAndAdvance(asked, request, canonical)),
      );
    });
  }

  /** The learner's due reviews (`GET /api/me/reviews`). */
  async reviews(caller: Caller): Promise<ObjectReply> {
    return replying(() =>
      success(
        200,
        this.#schemaReady
          ? reviewsView(this.ctx.storage.sql, Date.now(), caller.settings.desiredRetention)
          : { dueNow: 0, nextDueAt: null, cards: [] },
      ),
    );
  }

  /** The learner's figures (`GET /api/me/stats`). */
  async stats(_caller: Caller): Promise<ObjectReply> {
    return replying(() => {
      this.#ensureSchema();
      return success(200, statsView(this.ctx.storage.sql, Date.now()));
    });
  }

  override async alarm(): Promise<void> {
    const next = await runAlarmTasks(ALARM_TASKS, {
      storage: this.ctx.storage,
      env: this.env,
      now: Date.now(),
      forgetSessions: () => this.#sessions.clear(),
    });
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }

  async #gradeAndAdvance(
    session: StoredSession & { current: Question },
    request: AnswerRequest,
    canonical: string,
  ): Promise<ObjectReply> {
    const sql = this.ctx.storage.sql;
    const settings = request.settings;
    const now = Date.now();
    const graded = gradeSubmission(session, request.body, settings, now, crypto.randomUUID());
    const last = session.position + 1 >= session.length;
    const answered = answeredQuestionIds(sql, session.id, recentSince(session.learnerId, now));
    answered.session.add(session.current.id);
    const next = last
      ? null
      : await this.#withSource((source) =>
          chooseNextQuestion(
            source,
            {
              category: session.category,
              language: session.language,
              recent: answered.recent,
              session: answered.session,
            },
            graded.engine,
            settings,
            {
              sql,
              mode: session.mode,
              learnerId: session.learnerId,
              asked: answered.session.size,
              now,
              starting: false,
            },
          ),
        );
    const after: StoredSession = {
      ...session,
      position: session.position + 1,
      engine: graded.engine,
      current: next,
      status: next === null ? "finished" : "active",
      finishedAt: next === null ? now : null,
    };
    const body = JSON.stringify(answerResult(graded, session.current, after, settings, next));
    this.#transaction(now, settings, (effects) => {
      // Re-checked after the I/O: a finish (or anything else) may have run meanwhile.
      const current = sessionProgress(sql, session.id);
      if (current?.status !== "active" || current.position !== session.position) {
        throw conflict("the session moved on while this answer was graded");
      }
      insertAnswer(sql, graded.event, graded.shownBefore);
      if (session.learnerId !== null) writeAbility(sql, session.category, graded.engine.ability, now);
      updateSession(sql, after);
      runAnswerEffects(ANSWER_EFFECTS, sql, graded.event, effects);
      if (after.status === "finished") this.#finished(after, now, effects);
      storeResponse(sql, session.id, request.idempotencyKey, { request: canonical, status: 200, body }, now);
    });
    this.#sessions.set(after.id, after);
    return { ok: true, status: 200, body };
  }

  /** The finish effects of a session just marked finished (by the finish call or its last answer). */
  #finished(done: StoredSession, now: number, effects: EffectContext): void {
    const sql = this.ctx.storage.sql;
    const tally = sql
      .exec<{ answered: number; correct: number }>(
        "SELECT count(*) AS answered, coalesce(sum(correct), 0) AS correct FROM answers WHERE session_id = ?",
        done.id,
      )
      .one();
    runSessionEffects(
      SESSION_EFFECTS,
      sql,
      sessionEvent("finished", done, tally.answered, tally.correct, now),
      effects,
    );
  }

  #replay(request: AnswerRequest, canonical: string): ObjectReply | null {
    const stored = readStoredResponse(this.ctx.storage.sql, request.sessionId, request.idempotencyKey);
    if (!stored) return null;
    if (stored.request !== canonical) throw keyReused();
    return { ok: true, status: stored.status, body: stored.body };
  }

  #ownSession(sessionId: string, caller: Caller): StoredSession {
    if (!this.#schemaReady) throw notFound();
    const session = this.#sessions.get(sessionId) ?? readSession(this.ctx.storage.sql, sessionId);
    if (!session || session.learnerId !== caller.learnerId) throw notFound();
    this.#sessions.set(sessionId, session);
    return session;
  }

  #ensureSchema(): void {
    if (this.#schemaReady) return;
    migrateSchema(this.ctx.storage, this.#migrations);
    this.#schemaReady = true;
  }

  /** One synchronous transaction with the effect context; alarms and tasks asked for run after the commit. */
  #transaction(now: number, settings: SessionSettings, work: (effects: EffectContext) => void): void {
    const wakeAts: number[] = [];
    const tasks: (() => Promise<void>)[] = [];
    const effects: EffectContext = {
      storage: this.ctx.storage,
      env: this.env,
      now,
      wakeAt: (at) => wakeAts.push(at),
      settings,
      afterCommit: (task) => tasks.push(task),
    };
    try {
      this.ctx.storage.transactionSync(() => work(effects));
    } catch (error) {
      // Rolled back: what memory holds may be ahead of storage.
      this.#sessions.clear();
      throw error;
    }
    if (wakeAts.length > 0) this.ctx.waitUntil(this.#wakeAt(Math.min(...wakeAts)));
    for (const task of tasks)
      this.ctx.waitUntil(task().catch((error) => console.warn("after-commit task failed;", error)));
  }

  async #wakeAt(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || at < current) await this.ctx.storage.setAlarm(at);
  }

  /** Questions through the tiered read path, with an origin connection opened only on a miss. */
  async #withSource<R>(work: (source: QuestionSource) => Promise<R>): Promise<R> {
    let origin: OriginConnection | undefined;
    const source = new QuestionSource({
      env: this.env,
      origin: () => {
        origin ??= openOrigin(this.env.ORIGIN);
        return origin;
      },
      waitUntil: (promise) => this.ctx.waitUntil(promise),
    });
    return work(source);
  }
}

/**
 * Since when answers count as the learner's recent ones. An anonymous session shares its
 * object with other anonymous players' sessions, so only its own answers are its history.
 */
function recentSince(learnerId: string | null, now: number): number {
  return learnerId === null ? Number.MAX_SAFE_INTEGER : now - RECENT_WINDOW_MS;
}

function keyReused(): AppError {
  return new AppError("unprocessable", "this Idempotency-Key was used with a different request body", {
    errors: [{ path: "Idempotency-Key", message: "use a new key for a new answer" }],
  });
}

function sessionEvent(
  type: SessionEvent["type"],
  session: StoredSession,
  answered: number,
  correct: number,
  at: number,
): SessionEvent {
  return {
    type,
    sessionId: session.id,
    learnerId: session.learnerId,
    category: session.category,
    language: session.language,
    mode: session.mode,
    engine: session.engine.engine,
    length: session.length,
    startedAt: session.startedAt,
    answered,
    correct,
    at,
  };
}

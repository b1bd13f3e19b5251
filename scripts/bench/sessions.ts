/**
 * The session cases of `npm run bench`: starting an anonymous session (the seed's k6 call, a
 * form with `topic=math&difficulty=3`) and answering (grading, the ability update, choosing
 * the next question and persisting, in the learner's Durable Object), interleaved in rounds
 * with hello world so both see the same machine load.
 */
import type { Question } from "../../schemas/question.ts";
import type { AnswerInput } from "../../schemas/session-api.ts";
import { combine, type LoadResult, type RequestSpec, runLoad } from "./load.ts";

type Figures = { rps: number; p50_ms: number; p99_ms: number };

const CONCURRENCY = 50;
const ROUNDS = 4;
const PER_ROUND = { hello: 2_000, start: 500, answer: 1_500 };
const SESSION_LENGTH = 50;

const log = (message: string) => console.log(`\x1b[36m[bench]\x1b[0m ${message}`);

function rightOrWrong(q: Question, right: boolean): AnswerInput {
  const key = q.answer;
  if (key.kind === "numeric") return { value: right ? key.value : key.value + key.tolerance + 1 };
  if (key.kind === "text") return { text: right ? (key.accepted[0] ?? "") : "no" };
  if (right) return { choices: key.correct };
  return { choices: [q.choices.find((c) => !key.correct.includes(c.id))?.id ?? (key.correct[0] as string)] };
}

function figures(name: string, r: LoadResult, expected: number): Figures {
  const statuses = Object.entries(r.statuses)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
  log(`${name.padEnd(16)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  (${statuses})`);
  if (Object.keys(r.statuses).some((s) => Number(s) !== expected)) throw new Error(`${name}: unexpected statuses`);
  return { rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms };
}

const START: RequestSpec = {
  method: "POST",
  path: "/api/sessions/start",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: "topic=math&difficulty=3",
};

interface Player {
  sessions: { id: string; current: string }[];
  answered: number;
}

/** Starts enough sessions for every connection to answer `answers` questions, none shared. */
async function players(base: URL, answers: number): Promise<Player[]> {
  const perWorker = Math.ceil(answers / CONCURRENCY / SESSION_LENGTH) + 1;
  const started: { id: string; current: string }[] = [];
  await runLoad({
    base,
    requests: perWorker * CONCURRENCY,
    concurrency: CONCURRENCY,
    path: () => ({ ...START, body: `topic=math&difficulty=3&length=${SESSION_LENGTH}` }),
    onResponse: (_i, _w, status, body) => {
      if (status !== 201) throw new Error(`session start answered ${status}`);
      const session = JSON.parse(body) as { id: string; question: { id: string } };
      started.push({ id: session.id, current: session.question.id });
    },
  });
  return Array.from({ length: CONCURRENCY }, (_, w) => ({
    sessions: started.slice(w * perWorker, (w + 1) * perWorker),
    answered: 0,
  }));
}

export interface SessionFigures {
  hello_world: Figures;
  session_start: Figures;
  session_answer: Figures;
  ratio_answer_to_hello_rps: number;
  ratio_answer_to_hello_p99: number;
  ratio_start_to_hello_rps: number;
}

/** Runs the session cases against `base` (the app, its D1 holding the bank) and `helloBase`. */
export async function benchSessions(base: URL, helloBase: URL, bank: Question[]): Promise<SessionFigures> {
  const byId = new Map(bank.map((q) => [q.id, q]));
  let keys = 0;
  const answerRun = async (requests: number) => {
    const team = await players(base, requests);
    return runLoad({
      base,
      requests,
      concurrency: CONCURRENCY,
      path: (_i, w) => {
        const player = team[w] as Player;
        const session = player.sessions[0];
        if (!session) throw new Error("a connection ran out of sessions");
        const q = byId.get(session.current) as Question;
        keys += 1;
        return {
          method: "POST",
          path: `/api/sessions/${session.id}/answers`,
          headers: { "content-type": "application/json", "idempotency-key": `bench-${keys}` },
          body: JSON.stringify({ questionId: q.id, answer: rightOrWrong(q, keys % 10 < 7), elapsedMs: 4000 }),
        };
      },
      onResponse: (_i, w, status, body) => {
        const player = team[w] as Player;
        if (status !== 200) return;
        const next = (JSON.parse(body) as { next: { id: string } | null }).next;
        if (next) (player.sessions[0] as { current: string }).current = next.id;
        else player.sessions.shift();
      },
    });
  };

  log("sessions: warming up…");
  await runLoad({ base: helloBase, path: () => "/", requests: 1_000, concurrency: CONCURRENCY });
  await runLoad({ base, path: () => START, requests: 500, concurrency: CONCURRENCY });
  // Steady state: the category's questions in the learner objects' isolate memory, as on a busy edge.
  await answerRun(3_000);

  const hello: LoadResult[] = [];
  const starts: LoadResult[] = [];
  const answers: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    hello.push(
      await runLoad({ base: helloBase, path: () => "/", requests: PER_ROUND.hello, concurrency: CONCURRENCY }),
    );
    starts.push(await runLoad({ base, path: () => START, requests: PER_ROUND.start, concurrency: CONCURRENCY }));
    answers.push(await answerRun(PER_ROUND.answer));
    log(
      `round ${round + 1}: hello ${hello[round]?.rps} req/s, start ${starts[round]?.rps} req/s, answer ${answers[round]?.rps} req/s`,
    );
  }
  const helloWorld = figures("hello_world", combine(hello), 200);
  const start = figures("session_start", combine(starts), 201);
  const answer = figures("session_answer", combine(answers), 200);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  return {
    hello_world: helloWorld,
    session_start: start,
    session_answer: answer,
    ratio_answer_to_hello_rps: ratio(answer.rps, helloWorld.rps),
    ratio_answer_to_hello_p99: ratio(answer.p99_ms, helloWorld.p99_ms),
    ratio_start_to_hello_rps: ratio(start.rps, helloWorld.rps),
  };
}

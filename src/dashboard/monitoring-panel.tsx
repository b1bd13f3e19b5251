import type { Child } from "hono/jsx";
import type { ScrapeRun } from "../../schemas/scrape-run.ts";
import type { SyntheticRun } from "../../schemas/synthetic-run.ts";
import type { AdminRole } from "../auth/admin-roles.ts";
import type { GuardTotals } from "../auth/sign-in-guard-object.ts";
import { PostForm } from "./layout.tsx";
import { hitRate, type MonitoringData } from "./monitoring.ts";

function Unavailable(props: { panel: { state: "failed"; detail: string }; what: string }): Child {
  return <p class="help">{`${props.what} could not be read (${props.panel.detail}).`}</p>;
}

function percent(value: number | null): string {
  return value === null ? "–" : `${value.toFixed(1)} %`;
}

function CacheTable(props: { stats: Extract<MonitoringData["cache"], { state: "ok" }>["data"] }): Child {
  const { stats } = props;
  return (
    <>
      <table>
        <caption class="help">Per tier, as counted by this dashboard's isolate since {stats.since}.</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col" class="num">
              Hit rate
            </th>
            <th scope="col" class="num">
              Hits
            </th>
            <th scope="col" class="num">
              Misses
            </th>
            <th scope="col" class="num">
              Stale served
            </th>
            <th scope="col" class="num">
              Errors
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(stats.sources).map(([tier, c]) => (
            <tr>
              <th scope="row">{tier}</th>
              <td class="num">{percent(hitRate(c))}</td>
              <td class="num">{c.hits}</td>
              <td class="num">{c.misses}</td>
              <td class="num">{c.staleServed}</td>
              <td class="num">{c.errors}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl class="stats">
        <dt>Origin queries</dt>
        <dd>{stats.originQueries}</dd>
        <dt>Coalesced misses</dt>
        <dd>{stats.coalesced}</dd>
        <dt>Negative-cache hits</dt>
        <dd>{stats.negativeHits}</dd>
        <dt>Isolate memory entries</dt>
        <dd>{`${stats.memory.entries} of ${stats.memory.capacity}`}</dd>
      </dl>
    </>
  );
}

function RunsTable(props: { runs: ScrapeRun[] }): Child {
  if (props.runs.length === 0) return <p class="help">No scraper run yet.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Status</th>
          <th scope="col">Trigger</th>
          <th scope="col">Started</th>
          <th scope="col">Counts</th>
          <th scope="col" class="num">
            Dead letters
          </th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((run) => (
          <tr>
            <td class="mono">{run.id}</td>
            <td>{run.status}</td>
            <td>{run.trigger}</td>
            <td>{run.createdAt}</td>
            <td>
              {Object.entries(run.totals)
                .filter(([, v]) => typeof v === "number")
                .map(([k, v]) => `${k} ${v}`)
                .join(", ") || "–"}
            </td>
            <td class="num">{run.deadLetters.length}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AnswerStreamStats(props: {
  health: MonitoringData["health"];
  deadLetters: MonitoringData["answerDeadLetters"];
}): Child {
  const { health, deadLetters } = props;
  return (
    <>
      {health.state === "ok" ? (
        <dl class="stats">
          <dt>Flagged questions</dt>
          <dd>{health.data.flagged}</dd>
          <dt>Answered questions</dt>
          <dd>{health.data.questions}</dd>
          <dt>Answers at the origin</dt>
          <dd>{health.data.answers}</dd>
        </dl>
      ) : (
        <Unavailable panel={health} what="Question health" />
      )}
      {deadLetters.state === "ok" ? (
        <dl class="stats">
          <dt>Answer dead letters</dt>
          <dd>{`${deadLetters.data.total} (${deadLetters.data.pending} not replayed)`}</dd>
        </dl>
      ) : (
        <Unavailable panel={deadLetters} what="Answer dead letters" />
      )}
    </>
  );
}

function SyntheticTable(props: { runs: SyntheticRun[] }): Child {
  if (props.runs.length === 0) {
    return <p class="help">No run yet: turn on monitoring.synthetic_enabled (Monitoring section).</p>;
  }
  return (
    <table>
      <caption class="help">The seed's learner journey over HTTP, every 5 minutes; milliseconds per step.</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Result</th>
          <th scope="col">Steps</th>
          <th scope="col" class="num">
            Total ms
          </th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((run) => (
          <tr data-synthetic-run={run.id}>
            <td>{run.startedAt}</td>
            <td>
              {run.ok === null ? "running" : run.ok ? "ok" : `failed at ${run.failedStep ?? "?"}: ${run.error ?? ""}`}
            </td>
            <td class="mono">{run.steps.map((s) => `${s.name} ${s.ok ? "" : "✗ "}${s.ms}`).join(" · ")}</td>
            <td class="num">{run.durationMs ?? "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SignInStats(props: { totals: GuardTotals }): Child {
  const { failures, locks, since } = props.totals;
  return (
    <dl class="stats">
      <dt>Failed admin sign-ins</dt>
      <dd data-sign-in-failures={failures}>{since ? `${failures} since ${since}` : "none"}</dd>
      <dt>Lockouts</dt>
      <dd>{locks}</dd>
    </dl>
  );
}

/** Cache tiers, origin load, scraper runs, admin sign-ins, the answer stream, the synthetic journey and the config revision, with the cache purge button. */
export function MonitoringPanel(props: { data: MonitoringData; role: AdminRole; csrf: string }): Child {
  const { cache, runs, health, answerDeadLetters, synthetic, signIns, config } = props.data;
  return (
    <section aria-labelledby="monitoring">
      <h2 id="monitoring">Monitoring</h2>
      <p>
        Config revision <strong>{config.revision}</strong>, read by this isolate from <strong>{config.source}</strong>{" "}
        (isolates refresh at most 60 s after a change).
      </p>
      <div class="grid">
        <div class="card">
          <h3>Cache tiers</h3>
          {cache.state === "ok" ? <CacheTable stats={cache.data} /> : <Unavailable panel={cache} what="Cache stats" />}
          <PostForm action="/admin/cache/purge" csrf={props.csrf} class="actions">
            <div class="check confirm">
              <input type="checkbox" id="purge-confirm" name="confirm" disabled={props.role !== "editor"} />
              <label for="purge-confirm">Purge every cached question from every tier</label>
            </div>
            <button type="submit" class="danger" disabled={props.role !== "editor"}>
              Purge cache
            </button>
          </PostForm>
        </div>
        <div class="card">
          <h3>Scraper runs and queues</h3>
          {runs.state === "ok" ? (
            <RunsTable runs={runs.data} />
          ) : (
            <Unavailable panel={runs} what="Scraper run status" />
          )}
          <h3>Admin sign-ins</h3>
          {signIns.state === "ok" ? (
            <SignInStats totals={signIns.data} />
          ) : (
            <Unavailable panel={signIns} what="Sign-in counts" />
          )}
        </div>
        <div class="card">
          <h3>Answer stream and question health</h3>
          <AnswerStreamStats health={health} deadLetters={answerDeadLetters} />
          <h3>Synthetic journey</h3>
          {synthetic.state === "ok" ? (
            <SyntheticTable runs={synthetic.data} />
          ) : (
            <Unavailable panel={synthetic} what="The synthetic journey" />
          )}
        </div>
      </div>
    </section>
  );
}

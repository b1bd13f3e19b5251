import { type Context, type ExecutionContext, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { LeaderboardPeriod, LeaderboardQuery } from "../../schemas/leaderboard-api.ts";
import { SourceUnavailableError } from "../cache/tiered-cache.ts";
import type { FormFields } from "../dashboard/form-value.ts";
import type { ApiCall, Probe } from "../http/api-probe.ts";
import type { AppVariables } from "../http/app-env.ts";
import { pageSecurityHeaders, sameOriginPosts } from "../http/page-guards.ts";
import { FAVICON_SVG } from "../http/page-style.ts";
import { AppError, codeForStatus } from "../http/problem.ts";
import { learnerAllowed, rateLimitedError, rateLimitKey } from "../http/rate-limit.ts";
import { readBoard, readOwnPlace } from "../leaderboards/read-board.ts";
import { readReviews, readStats } from "../progress/own-object.ts";
import { redisClient } from "../redis/upstash-client.ts";
import type { SessionDeps } from "../sessions/session-service.ts";
import { listCategories } from "../sessions/topics.ts";
import { LEARNER_ASSETS, LEARNER_CSS, LEARNER_JS } from "./assets.ts";
import { isLanguage, LANGUAGE_COOKIE, pickLanguage, safeReturnPath } from "./language.ts";
import { Layout, type Notice, NoticeBox, type PageContext } from "./layout.tsx";
import { forgetLearnerToken, keepLearnerToken, type SignedInLearner, signedInLearner } from "./learner-cookie.ts";
import { translator } from "./messages.ts";
import { DashboardPage } from "./pages/dashboard-page.tsx";
import { HomePage } from "./pages/home-page.tsx";
import { LeaderboardPage, type LeaderboardView } from "./pages/leaderboard-page.tsx";
import { QuizPage } from "./pages/quiz-page.tsx";
import { ReviewsPage } from "./pages/reviews-page.tsx";
import { CallbackPage, SignInPage } from "./pages/sign-in-page.tsx";
import type { Topic } from "./pages/start-form.tsx";
import { StatsPage } from "./pages/stats-page.tsx";
import { SummaryPage } from "./pages/summary-page.tsx";
import { alreadyAnswered, answerRequest, finishQuiz, loadQuiz, loadTopics, sendAnswer, startQuiz } from "./quiz-api.ts";
import { devLearnerToken, signInMode, supabaseAuthorizeUrl } from "./sign-in.ts";

export interface LearnerDeps {
  /** Dispatches a request through the whole Worker: the pages are clients of the learner API. */
  callApi: (request: Request, env: Env, ctx: ExecutionContext) => Promise<Response>;
}

interface LearnerEnv {
  Bindings: Env;
  Variables: AppVariables & { page: PageContext; signedIn: SignedInLearner | null; expired: boolean };
}
type C = Context<LearnerEnv>;

/** Every path the learner app answers; the API and the admin dashboard live elsewhere. */
const PAGE_PATHS = [
  "/",
  "/signin",
  "/dashboard",
  "/auth/*",
  "/lang/*",
  "/quiz",
  "/quiz/*",
  "/stats",
  "/reviews",
  "/leaderboard",
  "/assets/*",
];
/** The pages that read services directly: they count against the learner's API rate limit themselves. */
const SERVICE_PAGES = ["/stats", "/reviews", "/leaderboard"];
const REDIS_TIMEOUT_MS = 2_000;

function render(c: C, body: Child, status: ContentfulStatusCode = 200): Response | Promise<Response> {
  return c.html(html`<!doctype html>${body}`, status);
}

/** The API as this learner: their bearer token from the cookie, their client address for the rate limit. */
function api(c: C, deps: LearnerDeps): ApiCall {
  return (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers, "accept-language": c.var.page.lang };
    const token = c.var.signedIn?.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const ip = c.req.header("cf-connecting-ip");
    if (ip) headers["cf-connecting-ip"] = ip;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const request = new Request(new URL(path, c.req.url), {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return deps.callApi(request, c.env, c.executionCtx);
  };
}

/** What the services behind the pages need, from the request. */
function services(c: C): SessionDeps {
  return {
    env: c.env,
    origin: c.var.origin,
    waitUntil: (promise) => c.executionCtx.waitUntil(promise),
    httpCache: caches.default,
  };
}

/** The learner limit of the API, for the pages that call services instead of the API. */
const pageRateLimit = createMiddleware<LearnerEnv>(async (c, next) => {
  const key = rateLimitKey(c.var.signedIn?.learner.id ?? null, c.req.header("cf-connecting-ip"));
  if (!(await learnerAllowed(c.env, key))) throw rateLimitedError();
  await next();
});

/** The leaderboard page's board and the learner's own place; a notice instead when Redis cannot be read. */
async function leaderboardView(c: C): Promise<{ view: LeaderboardView; notice?: Notice }> {
  const period = LeaderboardPeriod.safeParse(c.req.query("period") ?? "daily");
  if (!period.success) throw new AppError("bad_request", "unknown period: daily, weekly or all-time");
  const query = LeaderboardQuery.safeParse({ category: c.req.query("category") || undefined, limit: 20 });
  if (!query.success) throw new AppError("bad_request", "the topic must be 1 to 64 characters");
  const category = query.data.category ?? null;
  const { value: list } = await listCategories(services(c), {});
  const view: LeaderboardView = {
    period: period.data,
    category,
    topics: (list?.categories ?? []).map((t) => t.name),
    board: null,
    me: null,
  };
  const unavailable = (detail: string) => ({
    view,
    notice: { kind: "error" as const, text: c.var.page.t("leaderboard.unavailable", { detail }) },
  });
  const redis = redisClient(c.env, { timeoutMs: REDIS_TIMEOUT_MS });
  if (!redis) return unavailable("UPSTASH_REDIS_REST_URL");
  const now = Date.now();
  const board = { period: period.data, category, limit: query.data.limit };
  try {
    view.board = (await readBoard({ ...services(c), redis }, board, now)).value;
  } catch (error) {
    if (error instanceof SourceUnavailableError) return unavailable("Redis");
    throw error;
  }
  const learner = c.var.signedIn?.learner;
  if (learner) view.me = await readOwnPlace(redis, learner, board, now);
  return { view };
}

/** A failed API call shown as a page: its status, and what it said (problem+json `detail`). */
function failure(probe: Exclude<Probe<unknown>, { state: "ok" }>): AppError {
  if (probe.state === "missing") return new AppError("not_found", "this is not available on this deployment yet");
  if (probe.state === "raw") return new AppError("internal", "the API answered in a shape this page does not know");
  // The API's own status carries over (404 unknown session, 422 bad input…); no status: unreachable.
  return new AppError(codeForStatus(probe.status) ?? "unavailable", probe.detail);
}

/** The topics, or null with a notice saying why there are none to show. */
async function topicsFor(c: C, deps: LearnerDeps): Promise<{ topics: Topic[] | null; notice?: Notice }> {
  const result = await loadTopics(api(c, deps));
  if (result.state === "ok") return { topics: result.data };
  const detail = result.state === "failed" ? result.detail : result.state;
  return { topics: null, notice: { kind: "info", text: c.var.page.t("home.topics_unavailable", { detail }) } };
}

function expiredNotice(c: C): Notice | undefined {
  return c.var.expired ? { kind: "info", text: c.var.page.t("auth.expired") } : undefined;
}

async function form(c: C): Promise<FormFields> {
  return (await c.req.parseBody({ all: true })) as FormFields;
}

/** The language, the signed-in learner (from the cookie) and the translator of every page. */
const pageContext = createMiddleware<LearnerEnv>(async (c, next) => {
  const lang = pickLanguage(getCookie(c, LANGUAGE_COOKIE), c.req.header("accept-language"));
  const { signedIn, expired } = await signedInLearner(c);
  c.set("signedIn", signedIn);
  c.set("expired", expired);
  const learnerName = signedIn ? (signedIn.learner.email ?? signedIn.learner.id) : null;
  c.set("page", { t: translator(lang), lang, path: c.req.path, learnerName });
  c.header("vary", "accept-language, cookie");
  await next();
});

/** The learner web app: server-rendered pages and plain forms that post to the Worker. */
export function createLearnerRoutes(deps: LearnerDeps): Hono<LearnerEnv> {
  const app = new Hono<LearnerEnv>();
  const formLimit = bodyLimit({
    maxSize: 16 * 1024,
    onError: () => {
      throw new AppError("payload_too_large", "the form is larger than 16 KiB");
    },
  });
  for (const path of PAGE_PATHS) {
    app.use(path, pageSecurityHeaders, pageContext, sameOriginPosts, formLimit);
  }
  for (const path of SERVICE_PAGES) app.use(path, pageRateLimit);

  const asset = (path: string, body: string, type: string) =>
    app.get(path, (c) => {
      c.header("cache-control", "public, max-age=300");
      return c.body(body, 200, { "content-type": type });
    });
  asset(LEARNER_ASSETS.css, LEARNER_CSS, "text/css; charset=utf-8");
  asset(LEARNER_ASSETS.js, LEARNER_JS, "text/javascript; charset=utf-8");
  asset(LEARNER_ASSETS.icon, FAVICON_SVG, "image/svg+xml");

  app.get("/", async (c) => {
    const { topics, notice } = await topicsFor(c, deps);
    return render(c, <HomePage ctx={c.var.page} topics={topics} notice={expiredNotice(c) ?? notice} />);
  });

  app.get("/lang/:lang", (c) => {
    const lang = c.req.param("lang");
    if (!isLanguage(lang)) throw new AppError("not_found", "unknown language");
    setCookie(c, LANGUAGE_COOKIE, lang, { path: "/", secure: true, sameSite: "Lax", maxAge: 31_536_000 });
    return c.redirect(safeReturnPath(c.req.query("next")), 303);
  });

  // Sign-in.
  app.get("/signin", (c) => {
    const mode = signInMode(c.env);
    const callback = new URL("/auth/callback", c.req.url).toString();
    const authorizeUrl = mode === "supabase" ? supabaseAuthorizeUrl(c.env.SUPABASE_URL, callback) : null;
    const reason = c.req.query("error");
    const notice: Notice | undefined = reason
      ? { kind: "error", text: c.var.page.t("auth.failed", { reason: reason.slice(0, 200) }) }
      : expiredNotice(c);
    return render(c, <SignInPage ctx={c.var.page} mode={mode} authorizeUrl={authorizeUrl} notice={notice} />);
  });
  app.post("/auth/dev", async (c) => {
    if (signInMode(c.env) !== "development") throw new AppError("forbidden", c.var.page.t("auth.dev_refused"));
    await keepLearnerToken(c, await devLearnerToken(c.env));
    return c.redirect("/dashboard", 303);
  });
  app.get("/auth/callback", (c) => render(c, <CallbackPage ctx={c.var.page} />));
  app.post("/auth/session", async (c) => {
    const fields = await form(c);
    const token = typeof fields.access_token === "string" ? fields.access_token.trim() : "";
    if (!token) {
      const reason = typeof fields.error === "string" && fields.error ? fields.error : "no access token";
      return c.redirect(`/signin?error=${encodeURIComponent(reason.slice(0, 200))}`, 303);
    }
    await keepLearnerToken(c, token);
    return c.redirect("/dashboard", 303);
  });
  app.post("/auth/signout", (c) => {
    forgetLearnerToken(c);
    return c.redirect("/", 303);
  });

  app.get("/dashboard", async (c) => {
    if (!c.var.signedIn) return c.redirect("/signin", 303);
    const { topics, notice } = await topicsFor(c, deps);
    return render(c, <DashboardPage ctx={c.var.page} topics={topics} notice={notice} />);
  });

  // The quiz: start, show, answer, finish.
  app.post("/quiz", async (c) => {
    const started = await startQuiz(api(c, deps), await form(c));
    if (started.state !== "ok") throw failure(started);
    return c.redirect(`/quiz/${encodeURIComponent(started.data.id)}`, 303);
  });
  app.get("/quiz/:id", async (c) => {
    const quiz = await loadQuiz(api(c, deps), c.req.param("id"));
    if (quiz.state !== "ok") throw failure(quiz);
    return render(c, <QuizPage ctx={c.var.page} quiz={quiz.data} />);
  });
  app.post("/quiz/:id/answer", async (c) => {
    const call = api(c, deps);
    const current = await loadQuiz(call, c.req.param("id"));
    if (current.state !== "ok") throw failure(current);
    const answered = await sendAnswer(call, current.data, answerRequest(await form(c)));
    if (alreadyAnswered(answered)) {
      const notice: Notice = { kind: "info", text: c.var.page.t("quiz.already_answered") };
      return render(c, <QuizPage ctx={c.var.page} quiz={current.data} notice={notice} />);
    }
    if (answered.state !== "ok") throw failure(answered);
    return render(c, <QuizPage ctx={c.var.page} quiz={answered.data} />);
  });
  app.post("/quiz/:id/finish", async (c) => {
    const summary = await finishQuiz(api(c, deps), c.req.param("id"));
    if (summary.state !== "ok") throw failure(summary);
    return render(c, <SummaryPage ctx={c.var.page} summary={summary.data} />);
  });

  // Progress: read from the learner's object and from Redis, through the services.
  app.get("/stats", async (c) => {
    if (!c.var.signedIn) return c.redirect("/signin", 303);
    const stats = await readStats(c.env, c.var.signedIn.learner);
    c.header("cache-control", "private, no-store");
    return render(c, <StatsPage ctx={c.var.page} stats={stats} />);
  });
  app.get("/reviews", async (c) => {
    if (!c.var.signedIn) return c.redirect("/signin", 303);
    const reviews = await readReviews(c.env, c.var.signedIn.learner);
    c.header("cache-control", "private, no-store");
    return render(c, <ReviewsPage ctx={c.var.page} reviews={reviews} />);
  });
  app.get("/leaderboard", async (c) => {
    const { view, notice } = await leaderboardView(c);
    c.header("cache-control", "private, no-store");
    return render(c, <LeaderboardPage ctx={c.var.page} view={view} notice={notice} />);
  });

  // Pages fail as pages, in the learner's language, with the request id (never a stack).
  app.onError((error, c) => {
    const appError = error instanceof AppError ? error : null;
    if (!appError) console.error(`[${c.var.requestId}] learner app:`, error);
    const status = (appError?.status ?? 500) as ContentfulStatusCode;
    const ctx = c.var.page ?? { t: translator("en"), lang: "en", path: c.req.path, learnerName: null };
    const { t } = ctx;
    return render(
      c,
      <Layout ctx={ctx} title={t("error.title")}>
        <h1>{t("error.title")}</h1>
        <NoticeBox notice={{ kind: "error", text: appError?.message ?? t("error.title") }} />
        <p class="help">{t("error.request", { id: c.var.requestId })}</p>
        <p>
          <a href={ctx.learnerName ? "/dashboard" : "/"}>{t("error.back")}</a>
        </p>
      </Layout>,
      status,
    );
  });

  return app;
}

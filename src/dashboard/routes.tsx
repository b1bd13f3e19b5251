import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ConfigKey, isConfigKey } from "../../schemas/config-registry.ts";
import type { AdminRole } from "../auth/admin-roles.ts";
import { configuredAdminTokens, roleForToken } from "../auth/admin-tokens.ts";
import { guardedAttempt, guardKeys, SignInLocked } from "../auth/sign-in-guard.ts";
import { configStore } from "../config/config-store.ts";
import { loadSettings } from "../config/read-config.ts";
import { pageSecurityHeaders, sameOriginPosts } from "../http/page-guards.ts";
import { FAVICON_SVG } from "../http/page-style.ts";
import { AppError } from "../http/problem.ts";
import { purgeAll } from "../questions/purge-questions.ts";
import { ASSET_PATHS, DASHBOARD_CSS, DASHBOARD_JS } from "./assets.ts";
import { ConfigPage, type KeyFocus } from "./config-page.tsx";
import { fieldId } from "./controls.tsx";
import { type DashboardEnv, dashboardActor, requireSession } from "./guards.ts";
import { HistoryPage } from "./history-page.tsx";
import { Layout, type Notice, NoticeBox, type SignedIn } from "./layout.tsx";
import { LoginPage } from "./login-page.tsx";
import { loadMonitoring } from "./monitoring.ts";
import {
  cleanPersonName,
  encodeSession,
  revokeSession,
  SESSION_COOKIE,
  SESSION_TTL_S,
  sessionKey,
  tokenFingerprint,
} from "./session.ts";
import { resetSetting, rollbackSetting, type Submission, submitSetting } from "./submit-setting.ts";

type C = Context<DashboardEnv>;

function page(c: C, body: Child, status: ContentfulStatusCode = 200): Response | Promise<Response> {
  return c.html(html`<!doctype html>${body}`, status);
}

function signedIn(c: C): SignedIn {
  const session = c.var.session;
  return { role: session.role, actor: dashboardActor(session), csrf: session.csrf };
}

function store(c: C) {
  return configStore(c.env.DB, c.env.CONFIG_KV);
}

function knownKey(raw: string): ConfigKey {
  if (!isConfigKey(raw)) throw new AppError("not_found", `unknown config key '${raw}'`);
  return raw;
}

function requireEditor(c: C): void {
  if (c.var.session.role !== "editor") {
    throw new AppError("forbidden", "your token is a viewer's: it may read settings but not change them");
  }
}

async function settingsPage(
  c: C,
  options: { status?: ContentfulStatusCode; notice?: Notice; focus?: KeyFocus; testMode?: boolean } = {},
): Promise<Response> {
  const configs = store(c);
  const [entries, , loaded] = await Promise.all([configs.list(), configs.reconcile(), loadSettings(c.env.CONFIG_KV)]);
  const monitoring = await loadMonitoring(
    { env: c.env, origin: c.var.origin },
    { revision: loaded.revision, source: loaded.source },
  );
  const testMode = options.testMode ?? c.req.query("mode") === "test";
  return page(
    c,
    <ConfigPage
      signedIn={signedIn(c)}
      testMode={testMode}
      entries={entries}
      notice={options.notice}
      focus={options.focus}
      monitoring={monitoring}
    />,
    options.status,
  );
}

/** Notices after a redirect name only known keys and numbers, never free text from the URL. */
function redirectNotice(c: C): Notice | undefined {
  const key = c.req.query("key");
  const version = c.req.query("version");
  const done = c.req.query("done");
  if (done === "purged") {
    const count = c.req.query("count");
    return { kind: "success", text: `Cache purged (${count && /^\d+$/.test(count) ? count : "all"} entries).` };
  }
  if (done === "purge-failed") return { kind: "error", text: "The cache purge failed; see the Worker logs." };
  if (!key || !isConfigKey(key) || !version || !/^\d+$/.test(version)) return undefined;
  const verb = done === "reset" ? "Reset" : done === "rollback" ? "Rolled back" : "Saved";
  return {
    kind: "success",
    text: `${verb} ${key}: now version ${version}. This Worker serves it at once, every other within 60 seconds.`,
  };
}

function afterWrite(c: C, key: ConfigKey, done: string, submission: Extract<Submission, { outcome: "saved" }>) {
  const query = new URLSearchParams({ done, key, version: String(submission.entry.version) });
  return c.redirect(`/admin?${query}#${fieldId(key, "card")}`, 303);
}

function refusedNotice(submission: Extract<Submission, { outcome: "refused" }>): Notice {
  return { kind: "error", text: submission.message };
}

/** The admin dashboard at /admin: server-rendered pages and plain HTML forms. */
export function createDashboardRoutes(): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  // Forms are small; the largest is scraper.sources as JSON text.
  const formLimit = bodyLimit({
    maxSize: 256 * 1024,
    onError: () => {
      throw new AppError("payload_too_large", "the form is larger than 256 KiB");
    },
  });
  app.use("/admin", pageSecurityHeaders, sameOriginPosts, formLimit);
  app.use("/admin/*", pageSecurityHeaders, sameOriginPosts, formLimit);

  app.get(ASSET_PATHS.css, (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.body(DASHBOARD_CSS, 200, { "content-type": "text/css; charset=utf-8" });
  });
  app.get(ASSET_PATHS.js, (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.body(DASHBOARD_JS, 200, { "content-type": "text/javascript; charset=utf-8" });
  });

  app.get(ASSET_PATHS.icon, (c) => {
    c.header("cache-control", "public, max-age=86400");
    return c.body(FAVICON_SVG, 200, { "content-type": "image/svg+xml" });
  });

  app.get("/admin/", (c) => c.redirect("/admin", 301));
  app.get("/admin/login", (c) => page(c, <LoginPage />));

  app.post("/admin/login", async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === "string" ? form.token.trim() : "";
    const name = cleanPersonName(form.name);
    let role: AdminRole | null = null;
    try {
      const keys = guardKeys(c.req.header("cf-connecting-ip"), name);
      role = token
        ? await guardedAttempt(c.env.SIGN_IN_GUARD, keys, () => roleForToken(token, configuredAdminTokens(c.env)))
        : null;
    } catch (error) {
      if (!(error instanceof SignInLocked)) throw error;
      c.header("retry-after", String(error.retryAfterS));
      return page(c, <LoginPage notice={{ kind: "error", text: error.message }} />, 429);
    }
    if (!role) {
      return page(c, <LoginPage notice={{ kind: "error", text: "That token is not valid." }} />, 401);
    }
    const key = await sessionKey(c.env.ADMIN_TOKENS);
    const cookie = await encodeSession(key, {
      sid: crypto.randomUUID(),
      fp: await tokenFingerprint(key, token),
      name,
      exp: Math.floor(Date.now() / 1000) + SESSION_TTL_S,
    });
    setCookie(c, SESSION_COOKIE, cookie, {
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      maxAge: SESSION_TTL_S,
    });
    return c.redirect("/admin", 303);
  });

  app.use("/admin", requireSession);
  app.use("/admin/config/*", requireSession);
  app.use("/admin/logout", requireSession);
  app.use("/admin/cache/*", requireSession);

  app.post("/admin/logout", async (c) => {
    await revokeSession(c.env.CONFIG_KV, c.var.session.payload, Math.floor(Date.now() / 1000));
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return c.redirect("/admin/login", 303);
  });

  app.get("/admin", (c) => settingsPage(c, { notice: redirectNotice(c) }));

  app.post("/admin/config/:key", async (c) => {
    const key = knownKey(c.req.param("key"));
    requireEditor(c);
    const form = c.var.form;
    const submission = await submitSetting(store(c), key, form, dashboardActor(c.var.session));
    const testMode = form.mode === "test";
    if (submission.outcome === "saved") return afterWrite(c, key, "saved", submission);
    if (submission.outcome === "tested") {
      return settingsPage(c, {
        testMode,
        focus: { key, preview: submission.preview },
        notice: { kind: "info", text: `Test run of ${key}: see the result below its form. Nothing was saved.` },
      });
    }
    return settingsPage(c, {
      testMode,
      status: submission.status,
      notice: refusedNotice(submission),
      focus: { key, draft: form, errors: submission.errors },
    });
  });

  app.post("/admin/config/:key/reset", async (c) => {
    const key = knownKey(c.req.param("key"));
    requireEditor(c);
    const submission = await resetSetting(store(c), key, c.var.form, dashboardActor(c.var.session));
    if (submission.outcome === "saved") return afterWrite(c, key, "reset", submission);
    const status = submission.outcome === "refused" ? submission.status : 200;
    const notice = submission.outcome === "refused" ? refusedNotice(submission) : undefined;
    return settingsPage(c, { status, notice, focus: { key } });
  });

  app.get("/admin/config/:key/history", async (c) => {
    const key = knownKey(c.req.param("key"));
    const [entry, history] = await Promise.all([store(c).get(key), store(c).history(key)]);
    return page(c, <HistoryPage signedIn={signedIn(c)} configKey={key} entry={entry} history={history} />);
  });

  app.post("/admin/config/:key/rollback", async (c) => {
    const key = knownKey(c.req.param("key"));
    requireEditor(c);
    const submission = await rollbackSetting(store(c), key, c.var.form, dashboardActor(c.var.session));
    if (submission.outcome === "saved") return afterWrite(c, key, "rollback", submission);
    const [entry, history] = await Promise.all([store(c).get(key), store(c).history(key)]);
    const status = submission.outcome === "refused" ? submission.status : 200;
    const notice = submission.outcome === "refused" ? refusedNotice(submission) : undefined;
    return page(
      c,
      <HistoryPage signedIn={signedIn(c)} configKey={key} entry={entry} history={history} notice={notice} />,
      status,
    );
  });

  app.post("/admin/cache/purge", async (c) => {
    requireEditor(c);
    if (c.var.form.confirm !== "on") {
      return settingsPage(c, {
        status: 422,
        notice: { kind: "error", text: "Tick the confirmation box to purge the cache." },
      });
    }
    try {
      const report = await purgeAll(c.env, c.executionCtx, { origin: c.var.origin() });
      return c.redirect(`/admin?done=purged&count=${report.count}#monitoring`, 303);
    } catch (error) {
      console.error(`[${c.var.requestId}] dashboard: the cache purge failed;`, error);
      return c.redirect("/admin?done=purge-failed#monitoring", 303);
    }
  });

  // Pages fail as pages: a sign-in link for 401, a short explanation otherwise (never the stack).
  app.onError((error, c) => {
    const appError = error instanceof AppError ? error : null;
    if (!appError) console.error(`[${c.var.requestId}] dashboard:`, error);
    const status = (appError?.status ?? 500) as ContentfulStatusCode;
    const text = appError?.message ?? `Something went wrong (request ${c.var.requestId}).`;
    return page(
      c,
      <Layout title="Error">
        <h1>{status === 401 ? "Please sign in" : status === 403 ? "Not allowed" : "Something went wrong"}</h1>
        <NoticeBox notice={{ kind: "error", text }} />
        <p>
          <a href={status === 401 ? "/admin/login" : "/admin"}>
            {status === 401 ? "Sign in" : "Back to the dashboard"}
          </a>
        </p>
      </Layout>,
      status,
    );
  });

  return app;
}

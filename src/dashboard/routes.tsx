import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { CONFIG_REGISTRY, isConfigKey } from "../../schemas/config-registry.ts";
import { changeConfig } from "../config/change-config.ts";
import { configStore } from "../config/config-store.ts";
import type { AppEnv } from "../http/app-env.ts";
import { AppError } from "../http/problem.ts";
import { type FormFields, valueFromForm } from "./form-values.ts";
import { collectMonitors } from "./monitors.ts";
import { DashboardPage, HistoryPage, LoginPage, type Notice } from "./pages.tsx";
import { type AdminSession, createSession, decodeSession, encodeSession, SESSION_COOKIE } from "./session.ts";

type DashboardEnv = AppEnv & { Variables: AppEnv["Variables"] & { session: AdminSession | null } };

/** No scripts at all, inline styles only, no framing: stored values cannot run in the page. */
const securityHeaders = createMiddleware<DashboardEnv>(async (c, next) => {
  await next();
  c.header(
    "content-security-policy",
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  c.header("x-frame-options", "DENY");
  c.header("x-content-type-options", "nosniff");
  // same-origin (not no-referrer): with no-referrer browsers send `Origin: null` on our own form posts.
  c.header("referrer-policy", "same-origin");
  c.header("cache-control", "no-store");
});

const withSession = createMiddleware<DashboardEnv>(async (c, next) => {
  c.set("session", await decodeSession(getCookie(c, SESSION_COOKIE), c.env.ADMIN_TOKENS));
  await next();
});

/** State-changing posts need the session's CSRF token and, when the browser sends one, our Origin. */
async function checkedForm(c: Context<DashboardEnv>, session: AdminSession): Promise<FormFields> {
  // Compared with the Host header: behind wrangler dev's proxy the URL the Worker sees may name another host.
  const origin = c.req.header("origin");
  const host = c.req.header("host") ?? new URL(c.req.url).host;
  if (origin && (origin === "null" || new URL(origin).host !== host)) {
    throw new AppError("forbidden", "cross-site form post refused");
  }
  const form = Object.fromEntries(
    Object.entries(await c.req.parseBody()).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
  if (form.csrf !== session.csrf) throw new AppError("forbidden", "the form has expired; reload the page");
  return form;
}

function noticeOf(error: unknown): Notice {
  if (error instanceof AppError) {
    return { kind: "error", text: error.message, details: error.errors?.map((e) => `${e.path}: ${e.message}`) };
  }
  throw error;
}

async function renderDashboard(
  c: Context<DashboardEnv>,
  session: AdminSession,
  notice?: Notice,
  status: 200 | 403 | 409 | 412 | 422 = 200,
) {
  const entries = await configStore(c.env.DB, c.env.CONFIG_KV).list();
  const monitors = await collectMonitors(c.env);
  return c.html(<DashboardPage session={session} entries={entries} notice={notice} monitors={monitors} />, status);
}

function statusOf(error: unknown): 403 | 409 | 412 | 422 {
  const status = error instanceof AppError ? error.status : 422;
  return status === 403 || status === 409 || status === 412 ? status : 422;
}

export const dashboardRoutes = new Hono<DashboardEnv>()
  .use("/admin", securityHeaders, withSession)
  .use("/admin/*", securityHeaders, withSession, bodyLimit({ maxSize: 256 * 1024 }))
  .get("/admin", async (c) => {
    const session = c.var.session;
    if (!session) return c.html(<LoginPage />);
    const saved = c.req.query("saved");
    const notice: Notice | undefined =
      saved && isConfigKey(saved)
        ? { kind: "ok", text: `Saved ${saved}. Every Worker uses it within 60 seconds.` }
        : undefined;
    return renderDashboard(c, session, notice);
  })
  .post("/admin/login", async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === "string" ? form.token.trim() : "";
    const session = await createSession(token, c.env.ADMIN_TOKENS);
    if (!session) return c.html(<LoginPage notice={{ kind: "error", text: "That token is not valid." }} />, 401);
    setCookie(c, SESSION_COOKIE, await encodeSession(session, c.env.ADMIN_TOKENS), {
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      path: "/admin",
      maxAge: 8 * 3600,
    });
    return c.redirect("/admin", 303);
  })
  .post("/admin/logout", async (c) => {
    const session = c.var.session;
    if (session) await checkedForm(c, session);
    deleteCookie(c, SESSION_COOKIE, { path: "/admin", secure: true });
    return c.redirect("/admin", 303);
  })
  .post("/admin/config/:key/rollback", async (c) => {
    const session = c.var.session;
    if (!session) return c.redirect("/admin", 303);
    const key = c.req.param("key");
    if (!isConfigKey(key)) throw new AppError("not_found", `unknown config key '${key}'`);
    const store = configStore(c.env.DB, c.env.CONFIG_KV);
    try {
      const form = await checkedForm(c, session);
      if (session.role !== "editor") throw new AppError("forbidden", "viewers cannot change settings");
      const target = await store.historyAt(key, Number(form.version));
      if (!target) throw new AppError("unprocessable", `no version ${form.version}`);
      await changeConfig(store, key, {
        value: target.newValue,
        reason: `rollback to version ${target.version}`,
        actor: `dashboard (${session.role})`,
        action: "rollback",
        dryRun: false,
      });
      return c.redirect(`/admin?saved=${encodeURIComponent(key)}`, 303);
    } catch (error) {
      const history = await store.history(key);
      return c.html(
        <HistoryPage session={session} configKey={key} history={history} notice={noticeOf(error)} />,
        statusOf(error),
      );
    }
  })
  .get("/admin/config/:key/history", async (c) => {
    const session = c.var.session;
    if (!session) return c.redirect("/admin", 303);
    const key = c.req.param("key");
    if (!isConfigKey(key)) throw new AppError("not_found", `unknown config key '${key}'`);
    const history = await configStore(c.env.DB, c.env.CONFIG_KV).history(key);
    return c.html(<HistoryPage session={session} configKey={key} history={history} />);
  })
  .post("/admin/config/:key", async (c) => {
    const session = c.var.session;
    if (!session) return c.redirect("/admin", 303);
    const key = c.req.param("key");
    if (!isConfigKey(key)) throw new AppError("not_found", `unknown config key '${key}'`);
    try {
      const form = await checkedForm(c, session);
      if (session.role !== "editor") throw new AppError("forbidden", "viewers cannot change settings");
      if (CONFIG_REGISTRY[key].critical && form.confirm !== "true" && form.dry_run !== "true") {
        throw new AppError("unprocessable", `${key} is critical: tick the confirmation to change it`);
      }
      const parsed = valueFromForm(key, form);
      if ("error" in parsed) throw new AppError("unprocessable", `${key}: ${parsed.error}`);
      const result = await changeConfig(configStore(c.env.DB, c.env.CONFIG_KV), key, {
        value: parsed.value,
        reason: form.reason?.trim() || null,
        actor: `dashboard (${session.role})`,
        action: "set",
        ifMatch: Number(form.version),
        dryRun: form.dry_run === "true",
      });
      if ("dry_run" in result) {
        const flips = result.flag_decisions?.filter((d) => d.before.enabled !== d.after.enabled) ?? [];
        return renderDashboard(c, session, {
          kind: "info",
          text: `Test mode: ${key} would change from ${JSON.stringify(result.from)} to ${JSON.stringify(result.to)}. Nothing was saved.`,
          details: result.flag_decisions
            ? [
                `${flips.length} of ${result.flag_decisions.length} sample users would change: ${flips.map((f) => f.user_id).join(", ") || "none"}`,
              ]
            : undefined,
        });
      }
      return c.redirect(`/admin?saved=${encodeURIComponent(key)}`, 303);
    } catch (error) {
      return renderDashboard(c, session, noticeOf(error), statusOf(error));
    }
  });

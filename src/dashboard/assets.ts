import { BASE_CSS } from "../http/page-style.ts";

/**
 * The dashboard's only stylesheet and script, served from the Worker so the Content-Security-
 * Policy can forbid every inline script and style. The script is an enhancement: every form
 * works without it.
 */
export const ASSET_PATHS = {
  css: "/admin/assets/dashboard.css",
  js: "/admin/assets/dashboard.js",
  icon: "/admin/assets/favicon.svg",
} as const;

export const DASHBOARD_JS = `"use strict";
// Sliders show their value as it moves.
for (const input of document.querySelectorAll("input[type=range][data-output]")) {
  const output = document.getElementById(input.dataset.output);
  if (!output) continue;
  input.addEventListener("input", () => { output.textContent = input.value; });
}
// JSON fields say whether they parse while the admin types; the server still validates.
for (const area of document.querySelectorAll("textarea[data-json-status]")) {
  const status = document.getElementById(area.dataset.jsonStatus);
  if (!status) continue;
  const original = status.textContent;
  area.addEventListener("input", () => {
    try {
      JSON.parse(area.value);
      status.textContent = original;
      area.removeAttribute("aria-invalid");
    } catch (error) {
      status.textContent = "Not valid JSON yet: " + error.message;
      area.setAttribute("aria-invalid", "true");
    }
  });
}
`;

export const DASHBOARD_CSS = `${BASE_CSS}
.who { display: flex; gap: .75rem; align-items: center; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; font-family: ui-monospace, monospace; }
nav.sections ul { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; padding: 0; list-style: none; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; }
.card.focus { border-color: var(--accent); box-shadow: 0 0 0 2px var(--accent); }
.meta { color: var(--muted); font-size: .85rem; margin: .25rem 0 .75rem; }
.desc { margin: 0; }
.control { display: grid; gap: .35rem; margin: .75rem 0; border: 0; padding: 0; }
fieldset.control legend { font-family: ui-monospace, monospace; font-weight: 600; padding: 0; }
label { font-weight: 600; }
.check { display: flex; gap: .5rem; align-items: center; }
.check label { font-weight: 400; } .confirm { color: var(--err); }
input[type=text], input[type=number], input[type=password], select, textarea {
  width: 100%; padding: .4rem .5rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
input[type=checkbox] { width: 1.2rem; height: 1.2rem; }
[aria-invalid=true] { border-color: var(--err) !important; }
.slider, .with-unit { display: flex; gap: .5rem; align-items: center; }
.slider input { flex: 1; } output { min-width: 3rem; font-variant-numeric: tabular-nums; font-weight: 600; }
.unit { color: var(--muted); } .mono { font-family: ui-monospace, monospace; font-size: .9rem; }
.help { color: var(--muted); font-size: .85rem; margin: 0; }
.errors { color: var(--err); margin: .25rem 0; padding-left: 1.25rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-top: .75rem; }
button.danger { background: var(--err); border-color: var(--err); }
button:disabled { opacity: .5; cursor: not-allowed; }
.banner { border: 2px dashed var(--accent); padding: .75rem 1rem; border-radius: 6px; }
.mode { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { white-space: pre-wrap; word-break: break-word; background: var(--card); padding: .5rem; border-radius: 6px; }
.preview { margin-top: .75rem; border-top: 1px dashed var(--line); padding-top: .5rem; }
.login { max-width: 26rem; margin: 3rem auto; }
fieldset.plain { border: 0; padding: 0; margin: 0; min-width: 0; }
dl.stats { display: grid; grid-template-columns: auto auto; gap: .25rem 1rem; font-size: .9rem; }
dl.stats dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
`;

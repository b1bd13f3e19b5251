import { BASE_CSS } from "../http/page-style.ts";

/**
 * The learner app's only stylesheet and script, served from the Worker so the CSP can forbid
 * every inline script and style. The script only enhances: every page works without it, except
 * the one step of a Supabase sign-in that must read the tokens from the URL fragment.
 */
export const LEARNER_ASSETS = {
  css: "/assets/learner.css",
  js: "/assets/learner.js",
  icon: "/assets/favicon.svg",
} as const;

export const LEARNER_JS = `"use strict";
// Supabase Auth comes back with the tokens in the fragment, which never reaches a server:
// hand the access token to the Worker, which keeps it in an HttpOnly cookie.
const handoff = document.getElementById("token-handoff");
if (handoff) {
  const params = new URLSearchParams(location.hash.slice(1) || location.search.slice(1));
  history.replaceState(null, "", location.pathname);
  handoff.elements.access_token.value = params.get("access_token") || "";
  handoff.elements.error.value = params.get("error_description") || params.get("error") || "";
  handoff.submit();
}
// After an answer, move focus to the feedback so keyboard and screen-reader users land on it.
const focus = document.querySelector("[data-focus-on-load]");
if (focus) focus.focus();
`;

export const LEARNER_CSS = `${BASE_CSS}
.top nav ul, .langs { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; list-style: none; }
.top nav a[aria-current=page], .langs a[aria-current=true] { font-weight: 700; text-decoration: none; }
.who { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 1.25rem; margin: 1rem 0; }
.field { display: grid; gap: .35rem; margin: 1rem 0; }
label, legend { font-weight: 600; }
.help { color: var(--muted); font-size: .9rem; margin: 0; }
select, input[type=text], input[type=number] { width: 100%; padding: .6rem; border: 1px solid var(--line);
  border-radius: 8px; background: var(--bg); }
button, .button { display: inline-block; min-height: 2.75rem; padding: .6rem 1.2rem; font-weight: 600;
  text-decoration: none; border-radius: 8px; }
.button { border: 1px solid var(--accent); color: var(--accent); }
.button.primary { background: var(--accent); color: #fff; }
.github { background: #24292f; border-color: #24292f; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin-top: 1rem; }
.topics { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .75rem; padding: 0;
  list-style: none; }
.topics li { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: .75rem; }
.quiz-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem 1rem; align-items: center; }
progress { width: 100%; height: .6rem; accent-color: var(--accent); }
.level { display: inline-flex; gap: .5rem; align-items: center; font-weight: 600; }
.level .bar { display: inline-flex; gap: 3px; }
.level .bar span { width: .9rem; height: .9rem; border-radius: 3px; border: 1px solid var(--accent); }
.level .bar span.on { background: var(--accent); }
.question-text { font-size: 1.2rem; margin: 0 0 1rem; white-space: pre-wrap; }
fieldset.options { border: 0; margin: 0; padding: 0; min-width: 0; }
.option { display: flex; gap: .75rem; align-items: flex-start; padding: .75rem; margin: .5rem 0;
  border: 1px solid var(--line); border-radius: 10px; background: var(--bg); cursor: pointer; font-weight: 400; }
.option:has(input:checked) { border-color: var(--accent); box-shadow: 0 0 0 2px var(--accent); }
.option input { width: 1.25rem; height: 1.25rem; margin: .1rem 0 0; flex: none; }
.feedback { border-radius: 10px; padding: 1rem; margin: 1rem 0; border: 2px solid var(--line); }
.feedback.right { border-color: var(--ok); } .feedback.wrong { border-color: var(--err); }
.feedback h2 { margin: 0 0 .5rem; font-size: 1.2rem; }
dl.figures { display: grid; grid-template-columns: auto 1fr; gap: .35rem 1rem; }
dl.figures dt { font-weight: 600; } dl.figures dd { margin: 0; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
caption { text-align: left; font-weight: 600; padding: 0 0 .5rem; }
tr.me { background: var(--bg); font-weight: 700; }
ul.tabs, ul.links, ul.legend { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: 0; padding: 0; list-style: none; }
ul.tabs a { display: inline-block; padding: .5rem 1rem; border: 1px solid var(--line); border-radius: 999px; }
ul.tabs a[aria-current=page] { background: var(--accent); border-color: var(--accent); color: #fff; }
form.filter { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; }
form.filter .field { margin: .5rem 0; }
figure.chart { margin: 1rem 0; } figure.chart h2 { margin-top: 0; }
figure.chart svg { display: block; width: 100%; height: auto; }
.chart .grid line { stroke: var(--line); } .chart .grid.zero line { stroke: var(--muted); stroke-dasharray: 4 3; }
.chart text { fill: var(--muted); font-size: 12px; }
.chart .series path { fill: none; stroke-width: 2.5; }
.series-0 { --series: #2563eb; } .series-1 { --series: #d97706; } .series-2 { --series: #059669; }
.series-3 { --series: #db2777; } .series-4 { --series: #7c3aed; } .series-5 { --series: #0891b2; }
.chart .series path { stroke: var(--series); } .chart .series circle { fill: var(--series); }
ul.legend .swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .35rem; border-radius: 2px;
  background: var(--series); }
@media (max-width: 30rem) { .top { padding: .5rem .75rem; } main { padding: .75rem .75rem 3rem; }
  button, .button { width: 100%; text-align: center; } }
`;

/**
 * What every server-rendered page (the admin dashboard, the learner app) looks like at its
 * base: colours (light and dark), type, visible focus, the skip link, the top bar, buttons,
 * notices. Each app's stylesheet starts with it; both are served from the Worker, so the CSP
 * needs no inline style.
 */
export const BASE_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #57606a; --line: #d0d7de;
  --accent: #0b5cad; --ok: #1a7f37; --err: #b3261e; --card: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3;
  --line: #30363d; --accent: #6cb6ff; --ok: #3fb950; --err: #ff7b72; --card: #161b22; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; }
.skip:focus { left: .5rem; }
.top { display: flex; flex-wrap: wrap; gap: 1rem; justify-content: space-between; align-items: center;
  padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); }
.brand { margin: 0; font-weight: 700; }
input, select, textarea, button { font: inherit; color: inherit; }
button { padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent);
  color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: var(--accent); }
.notice { border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; border: 1px solid; }
.notice.success { border-color: var(--ok); } .notice.error { border-color: var(--err); color: var(--err); }
.notice.info { border-color: var(--accent); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

/** A tiny icon, so browsers do not ask for /favicon.ico. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b5cad"/><path d="M4 8h8M8 4v8" stroke="#fff" stroke-width="2"/></svg>`;

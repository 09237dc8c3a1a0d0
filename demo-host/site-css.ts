/**
 * /site.css, the shop's one stylesheet. It lives in a module rather than a
 * .css file so the host still works once bundled into dist/ without asset
 * paths to resolve. Pages use classes only: the CSP allows no inline styles.
 */
export const siteCss = `:root {
  --ink: #1d2623;
  --muted: #5d6b66;
  --paper: #f6f4ef;
  --card: #ffffff;
  --line: #e3dfd5;
  --forest: #2f6b4f;
  --forest-dark: #234f3b;
  --sage: #8fb39a;
  --ember: #d9733b;
  --glacier: #5f93bf;
  --radius: 14px;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px;
  line-height: 1.55;
  color: var(--ink);
  background: var(--paper);
  /* Keep the footer at the bottom on short pages. */
  min-height: 100vh;
  display: flex;
  flex-direction: column;
}
body > main { flex: 1 0 auto; width: 100%; }
h1, h2 { line-height: 1.2; margin: 0 0 0.5em; letter-spacing: -0.01em; }
h1 { font-size: 2.25rem; }
h2 { font-size: 1.25rem; }
p { margin: 0 0 1em; }
a { color: var(--forest); }
a:hover { color: var(--forest-dark); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
:focus-visible { outline: 3px solid var(--glacier); outline-offset: 2px; }

.container { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
main.container { padding-top: 40px; padding-bottom: 64px; }
main > section { margin-top: 32px; }
.skip-link { position: absolute; left: -999px; top: 8px; }
.skip-link:focus { left: 8px; background: var(--card); padding: 8px 12px; border-radius: 8px; z-index: 10; }

/* Header and nav */
.site-header { background: var(--card); border-bottom: 1px solid var(--line); }
.header-inner { display: flex; align-items: center; justify-content: space-between; gap: 24px; min-height: 68px; flex-wrap: wrap; padding-top: 10px; padding-bottom: 10px; }
.logo { display: inline-flex; align-items: center; gap: 10px; color: var(--ink); text-decoration: none; font-size: 1.15rem; }
.logo strong { color: var(--forest); }
.logo-mark { width: 30px; height: 30px; color: var(--forest); }
.nav { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
.nav a { display: block; padding: 8px 12px; border-radius: 8px; color: var(--muted); text-decoration: none; font-weight: 500; }
.nav a:hover { color: var(--ink); background: var(--paper); }
.nav a[aria-current="page"] { color: var(--forest-dark); background: #e6efe9; }

/* Account strip (the shop's own demo sign-in) */
.account-bar { background: var(--paper); border-bottom: 1px solid var(--line); font-size: 0.88rem; }
.account-inner { display: flex; align-items: center; justify-content: space-between; gap: 8px 16px; flex-wrap: wrap; min-height: 44px; padding-top: 6px; padding-bottom: 6px; }
.account-note { margin: 0; color: var(--muted); }
.account-form { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin: 0 0 0 auto; }
.account-form label { color: var(--muted); font-weight: 500; white-space: nowrap; }
.account-form select { width: auto; padding: 5px 10px; border-radius: 8px; font-size: 0.88rem; }
.account-who { margin: 0; font-weight: 500; }
.theme-switch + .account-form { margin-left: 0; }

/* Footer */
.site-footer { border-top: 1px solid var(--line); background: var(--card); color: var(--muted); font-size: 0.9rem; }
.footer-inner { display: grid; grid-template-columns: 2fr 1fr; gap: 8px 32px; padding-top: 32px; padding-bottom: 32px; }
.footer-brand { color: var(--ink); font-weight: 600; margin-bottom: 4px; }
.footer-links { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
.footer-links a { color: var(--muted); }
.footer-note { grid-column: 1 / -1; margin: 16px 0 0; font-size: 0.85rem; }

/* Building blocks */
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.78rem; font-weight: 600; color: var(--forest); margin-bottom: 6px; }
.lead { font-size: 1.15rem; color: var(--muted); max-width: 62ch; }
.muted { color: var(--muted); font-size: 0.9rem; }
.actions { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
.button {
  display: inline-flex; align-items: center; justify-content: center;
  padding: 10px 18px; border-radius: 999px; border: 1px solid var(--forest);
  background: var(--forest); color: #fff; font: inherit; font-weight: 600;
  text-decoration: none; cursor: pointer;
}
.button:hover { background: var(--forest-dark); color: #fff; }
.button:disabled { opacity: 0.55; cursor: not-allowed; }
.button--ghost { background: transparent; color: var(--forest); }
.button--ghost:hover { background: #e6efe9; color: var(--forest-dark); }
.button--small { padding: 4px 14px; font-size: 0.88rem; line-height: 1.4; white-space: nowrap; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 24px; }
.card > :last-child { margin-bottom: 0; }
.cards { display: grid; gap: 20px; }
.cards--two { grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); }
.cards--three { grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); }
.callout { display: flex; align-items: center; justify-content: space-between; gap: 24px; flex-wrap: wrap; background: #e6efe9; border-radius: var(--radius); padding: 24px 28px; }
.callout > div { flex: 1 1 360px; }
.callout p { margin: 0; color: var(--muted); }
.callout h2 { margin-bottom: 4px; }
.specs { margin: 0 0 16px; padding-left: 20px; color: var(--muted); }
.steps { margin: 0; padding-left: 22px; }
.steps li { margin-bottom: 8px; }
.breadcrumb { font-size: 0.9rem; color: var(--muted); margin-bottom: 12px; }
.empty { text-align: center; padding: 48px 0; }
.empty .actions { justify-content: center; }
/* Light on purpose: under /hostile.css every text turns red, and red must stay readable. */
.code { background: #efece4; color: var(--ink); border: 1px solid var(--line); padding: 20px; border-radius: var(--radius); overflow-x: auto; font-size: 0.85rem; line-height: 1.5; }

/* Home */
.hero { display: grid; grid-template-columns: 1.1fr 1fr; gap: 40px; align-items: center; margin-top: 8px; }
.hero h1 { font-size: 3rem; }
.hero-art { width: 100%; height: auto; display: block; border-radius: 24px; }
.art-sky { fill: #dde9f1; }
.art-sun { fill: #f2b96b; }
.art-far { fill: var(--sage); }
.art-near { fill: var(--forest); }
.art-tent { fill: var(--ember); }
.art-door { fill: #1d2623; opacity: 0.55; }

/* Products */
.product { display: flex; flex-direction: column; }
.tent-art { width: 100%; height: auto; display: block; border-radius: 10px; margin-bottom: 16px; }
.art-backdrop { fill: #eef3f6; }
.art-ground { fill: #cfdcc9; }
.art-pole { stroke: #1d2623; }
.tent-art--sage .art-fabric { fill: var(--sage); }
.tent-art--ember .art-fabric { fill: var(--ember); }
.tent-art--glacier .art-fabric { fill: var(--glacier); }
.art-fabric-shade { fill: #000; opacity: 0.15; }
.badge { align-self: flex-start; font-size: 0.78rem; font-weight: 600; padding: 2px 10px; border-radius: 999px; background: #f3ebe0; color: #8a4a22; margin-bottom: 8px; }
.price-row { display: flex; align-items: center; justify-content: space-between; margin-top: auto; }
.price { font-size: 1.4rem; font-weight: 700; }

/* Billing */
.plan { display: grid; grid-template-columns: 1.3fr 1fr; gap: 24px; align-items: start; }
.facts { margin: 0; display: grid; gap: 12px; }
.facts dt { font-size: 0.85rem; color: var(--muted); }
.facts dd { margin: 0; font-weight: 500; }
.facts--grid { grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); }
.facts--grid > div { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 16px 20px; }
.table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); }
.table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
.table th, .table td { padding: 12px 16px; text-align: left; border-bottom: 1px solid var(--line); white-space: nowrap; }
.table td:nth-child(3) { white-space: normal; min-width: 240px; }
.table tbody tr:last-child td { border-bottom: 0; }
.table th { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); background: #faf9f6; }
.table .num { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 0.8rem; font-weight: 600; }
.status--paid { background: #e3f1e7; color: #1f6a3c; }
.status--due { background: #fbeadb; color: #9a4b14; }

/* Shipping */
.order-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; flex-wrap: wrap; margin-bottom: 16px; }
.order-head .mono { color: var(--muted); margin: 0; }
.timeline { list-style: none; margin: 0; padding: 0; }
.timeline-step { position: relative; padding: 0 0 20px 32px; display: flex; flex-direction: column; }
.timeline-step::before { content: ""; position: absolute; left: 5px; top: 6px; width: 14px; height: 14px; border-radius: 50%; background: var(--card); border: 2px solid var(--line); }
.timeline-step::after { content: ""; position: absolute; left: 11px; top: 24px; bottom: 0; width: 2px; background: var(--line); }
.timeline-step:last-child { padding-bottom: 0; }
.timeline-step:last-child::after { display: none; }
.timeline-step--done::before { background: var(--forest); border-color: var(--forest); }
.timeline-step--done::after { background: var(--forest); }
.timeline-step--current::before { background: var(--card); border-color: var(--ember); box-shadow: 0 0 0 4px #fbeadb; }
.timeline-step--current .timeline-label { font-weight: 700; }
.timeline-step--upcoming { color: var(--muted); }
.timeline-detail { font-size: 0.88rem; color: var(--muted); }

/* Account */
.form { max-width: 760px; }
.form-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px 20px; margin-bottom: 16px; }
.form-grid label { display: grid; gap: 6px; font-size: 0.9rem; font-weight: 500; }
.span-2 { grid-column: 1 / -1; }
input, select, textarea { font: inherit; color: var(--ink); padding: 10px 12px; border: 1px solid #cfcabd; border-radius: 10px; background: #fff; width: 100%; }
.check { display: flex; gap: 10px; align-items: center; margin-bottom: 16px; }
.check input { width: auto; }
.form-actions { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin: 0; }

@media (max-width: 760px) {
  .hero, .plan, .footer-inner, .form-grid { grid-template-columns: 1fr; }
  .hero h1 { font-size: 2.25rem; }
  .account-note { display: none; }
  .account-form { flex-wrap: nowrap; width: 100%; }
  .account-form select { flex: 1 1 auto; min-width: 0; }
  .account-who { flex: 1 1 auto; }
}
`;

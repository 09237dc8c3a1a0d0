/**
 * Styles of the member's entry on the home view, their views and the launcher's badge (on top of
 * the form fields', ../form-styles.ts), adopted once a member is signed in (see index.tsx).
 * Narrow screens and 400 % zoom: the tabs stay one line and scroll sideways inside their strip, and
 * a request row keeps its status beside the subject so the date never drops to a third line.
 */
import { stylesheet } from '../stylesheet.js';

export const adoptMemberStyles = stylesheet(`
.member-entry{display:flex;flex-direction:column;gap:2px;width:100%;margin:0 0 12px;padding:12px 14px;border:1px solid var(--ph-line);border-radius:10px;background:var(--ph-soft);color:inherit;font:inherit;text-align:start;cursor:pointer}
.member-entry:hover{border-color:var(--ph-accent-ink)}
.member-entry-title{font-weight:600;color:var(--ph-accent-ink)}
.member-entry .muted{font-size:13px}
.launcher .count{display:inline-flex;align-items:center;justify-content:center;min-width:20px;height:20px;margin-inline-start:2px;padding:0 6px;border-radius:10px;background:#dc2626;color:#fff;font:700 12px/1 system-ui,sans-serif}
.requests-heading{margin-top:0}
.tabs{display:flex;gap:4px;margin:0 0 10px;border-bottom:1px solid var(--ph-line);overflow-x:auto;scrollbar-width:thin}
.tab{flex:none;white-space:nowrap;margin:0 0 -1px;padding:8px 10px;border:0;border-bottom:2px solid transparent;background:none;color:var(--ph-muted);font:600 13px/1.3 inherit;font-family:inherit;cursor:pointer}
.tab[aria-selected=true]{border-bottom-color:var(--ph-accent-ink);color:var(--ph-accent-ink)}
.filter{display:flex;align-items:center;gap:8px;margin:0 0 10px;font-size:13px;color:var(--ph-muted)}
.filter select{padding:4px 8px;border:1px solid var(--ph-field);border-radius:6px;background:var(--ph-bg);color:var(--ph-text);font:inherit}
.requests{margin:0 0 10px;padding:0;list-style:none}
.requests li{margin:0 0 6px}
.request-row{display:grid;grid-template-columns:1fr auto;align-items:start;gap:4px 8px;width:100%;margin:0;padding:10px 12px;border:1px solid var(--ph-line);border-radius:10px;background:var(--ph-bg);color:inherit;font:inherit;text-align:start;cursor:pointer}
.request-row:hover{background:var(--ph-soft)}
.request-subject{display:block;min-width:0;font-weight:600;overflow-wrap:anywhere}
.request-row .request-meta{display:contents}
.request-row .request-meta>span:last-child{grid-column:1/-1}
.request-meta{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:4px 0 0;font-size:12px;color:var(--ph-muted)}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;line-height:18px}
.badge.open{background:#e0ecff;color:#1d4ed8}
.badge.awaiting_reply{background:#fff1d6;color:#9a5b00}
.badge.solved{background:#e3f5e8;color:#166534}
[data-theme=dark] .badge.open{background:#1e3a5f;color:#bfdbfe}
[data-theme=dark] .badge.awaiting_reply{background:#4a3410;color:#fcd34d}
[data-theme=dark] .badge.solved{background:#14532d;color:#bbf7d0}
.badge.closed{background:var(--ph-soft);color:var(--ph-muted)}
.empty-filter{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;margin:0 0 10px}
.empty-filter p,.closed-note p{margin:0}
.closed-note{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;padding-block:12px;border-block-start:1px solid var(--ph-line)}
.wide{width:100%;margin-top:6px}
.ccs{margin:8px 0 0;font-size:13px;overflow-wrap:anywhere}
.thread{margin:14px 0;padding:0;list-style:none}
.message{margin:0 0 10px;padding:10px 12px;border-radius:10px;background:var(--ph-soft)}
.message.from-agent{background:var(--ph-bg);border:1px solid var(--ph-line)}
.message-author{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px;margin:0 0 4px;font-size:13px}
.message-author time{margin-inline-start:auto;font-size:12px;color:var(--ph-muted)}
.tag{padding:0 6px;border-radius:4px;background:var(--ph-accent,#1f2937);color:var(--ph-on-accent,#fff);font-size:11px;font-weight:600}
.message-body{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
`);

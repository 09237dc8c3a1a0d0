/**
 * The styles of the panel's frame and of what its first load shows (home); the views loaded on
 * demand bring their own (views/article-styles.ts, contact/styles.ts, form-styles.ts,
 * member/styles.ts). Every size is px and every font is set here, so nothing about the host
 * page — its root font size, fonts, line height — changes how the panel looks. On a phone the
 * panel covers the screen: the launcher under it is hidden too, so focus never lands where no one sees it.
 * Sides are logical (start/end), so the panel reads right to left by its root's `dir`; Back's arrow turns with it.
 */
import { stylesheet } from './stylesheet.js';

export const adoptPanelStyles = stylesheet(`
.ph{--ph-text:#1f2933;--ph-muted:#5f6b76;--ph-line:#e3e7eb;--ph-soft:#f4f6f8;--ph-danger:#b42318;--ph-accent-ink:var(--ph-accent,#1f2937);color:var(--ph-text);font:400 14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;letter-spacing:normal;text-transform:none;text-align:start;-webkit-font-smoothing:antialiased}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.panel{position:fixed;right:20px;bottom:84px;display:flex;flex-direction:column;width:380px;height:min(640px,calc(100vh - 104px));background:#fff;border-radius:14px;box-shadow:0 12px 40px rgba(15,23,42,.22),0 0 0 1px rgba(15,23,42,.06);overflow:hidden}
:host([data-position=left]) .panel{left:20px;right:auto}
.header{display:flex;align-items:center;gap:4px;min-height:56px;padding-block:8px;padding-inline:16px 8px;background:var(--ph-accent,#1f2937);color:#fff}
.title{flex:1;margin:0;font-size:16px;font-weight:600;line-height:1.3;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.icon-button{display:inline-flex;align-items:center;justify-content:center;width:36px;height:36px;margin:0;padding:0;border:0;border-radius:8px;background:transparent;color:inherit;cursor:pointer}
.icon-button:hover{background:rgba(255,255,255,.16)}
.icon-button svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.back:dir(rtl) svg{transform:scaleX(-1)}
.body{flex:1;overflow-y:auto;overscroll-behavior:contain}
.view{display:block;margin:0;padding:16px}
.search input{width:100%;height:40px;margin:0;padding:0 12px;border:1px solid var(--ph-line);border-radius:8px;background:var(--ph-soft);color:inherit;font:inherit}
.section-heading{margin:18px 0 8px;font-size:12px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:var(--ph-muted)}
.articles{margin:0;padding:0;list-style:none}
.articles li{margin:0 0 6px}
.article-link{display:block;width:100%;margin:0;padding:10px 12px;border:1px solid var(--ph-line);border-radius:10px;background:#fff;color:inherit;font:inherit;text-align:start;cursor:pointer}
.article-link:hover{border-color:var(--ph-accent-ink);background:var(--ph-soft)}
.article-title{display:block;font-weight:600;color:var(--ph-accent-ink)}
.article-excerpt{margin-top:2px;font-size:13px;color:var(--ph-muted);display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.muted{color:var(--ph-muted)}
.contact-prompt{margin-top:20px;padding:14px;border-radius:10px;background:var(--ph-soft);text-align:center}
.contact-prompt p{margin:0 0 10px}
.primary,.secondary{display:inline-flex;align-items:center;justify-content:center;min-height:40px;margin:0;padding:0 18px;border-radius:8px;font:600 14px/1 inherit;font-family:inherit;cursor:pointer}
.primary{border:0;background:var(--ph-accent,#1f2937);color:#fff}
.primary:disabled{opacity:.6;cursor:progress}
.secondary{border:1px solid var(--ph-line);background:#fff;color:var(--ph-text)}
.notice{padding:12px;border-radius:10px;background:#fff6ed;color:#7a2e0e}
.notice p{margin:0 0 8px}
.article-heading{margin:0 0 10px;font-size:18px;line-height:1.3}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
@media (max-width:639px){.panel{inset:0;width:auto;height:auto;border-radius:0}.launcher[aria-expanded=true]{visibility:hidden}.search input{font-size:16px}}
`);

/**
 * The styles of the panel's frame and of what its first load shows (home); the views loaded on
 * demand bring their own (views/article-styles.ts, contact/styles.ts, form-styles.ts,
 * member/styles.ts). Every size is px and every font is set here, so nothing about the host
 * page — its root font size, fonts, line height — changes how the panel looks.
 *
 * Every colour is a custom property of `.ph`, with a light palette and a dark one for
 * `[data-theme=dark]` (theme.ts sets the attribute); the views loaded later use these properties or
 * bring their own dark values. --ph-on-accent and --ph-accent-ink come from theme.ts, computed from the
 * site's colour (accent-text.ts); the values here are for the default colour, before that runs.
 * page — its root font size, fonts, line height — changes how the panel looks. On a phone the
 * panel covers the screen: the launcher under it is hidden too, so focus never lands where no one sees it.
 * Sides are logical (start/end), so the panel reads right to left by its root's `dir`; Back's arrow turns with it.
 */
import { stylesheet } from './stylesheet.js';

export const adoptPanelStyles = stylesheet(`
.ph{--ph-bg:#fff;--ph-text:#1f2933;--ph-muted:#5f6b76;--ph-line:#e3e7eb;--ph-soft:#f4f6f8;--ph-danger:#b42318;--ph-warn-bg:#fff6ed;--ph-warn:#7a2e0e;--ph-accent-ink:var(--ph-accent,#1f2937);color:var(--ph-text);font:400 14px/1.5 system-ui,sans-serif;-webkit-font-smoothing:antialiased}
[data-theme=dark]{--ph-bg:#15181c;--ph-text:#e6e9ec;--ph-muted:#a3adb8;--ph-line:#343b44;--ph-soft:#1f242a;--ph-danger:#ff8a80;--ph-warn-bg:#3a2312;--ph-warn:#fed7aa;--ph-accent-ink:#9ec5ff;color-scheme:dark}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.panel{position:fixed;right:20px;bottom:84px;display:flex;flex-direction:column;width:380px;height:min(640px,calc(100vh - 104px));background:var(--ph-bg);border-radius:14px;box-shadow:0 12px 40px #0f172a38,0 0 0 1px var(--ph-line);overflow:hidden}
:host([data-position=left]) .panel{left:20px;right:auto}
.header{display:flex;align-items:center;gap:4px;min-height:56px;padding-block:8px;padding-inline:16px 8px}
.header,.primary{background:var(--ph-accent,#1f2937);color:var(--ph-on-accent,#fff)}
.title{flex:1;margin:0;font-size:16px;font-weight:600;line-height:1.3;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.icon-button,.primary,.secondary{display:inline-flex;align-items:center;justify-content:center;margin:0;border-radius:8px;cursor:pointer}
.icon-button{width:36px;height:36px;padding:0;border:0;background:0 0;color:inherit}
.icon-button:hover{background:#8883}
.icon-button svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.back:dir(rtl) svg{transform:scaleX(-1)}
.body{flex:1;overflow-y:auto;overscroll-behavior:contain}
.view{display:block;margin:0;padding:16px}
.search input,.article-link,.secondary{border:1px solid var(--ph-line);color:inherit;font:inherit}
.search input{width:100%;height:40px;margin:0;padding:0 12px;border-radius:8px;background:var(--ph-soft)}
.section-heading{margin:18px 0 8px;font-size:12px;font-weight:600;letter-spacing:.04em;text-transform:uppercase}
.muted,.section-heading,.article-excerpt{color:var(--ph-muted)}
.articles{margin:0;padding:0;list-style:none}
.articles li{margin:0 0 6px}
.article-link{display:block;width:100%;margin:0;padding:10px 12px;border-radius:10px;background:var(--ph-bg);text-align:start;cursor:pointer}
.article-link:hover{border-color:var(--ph-accent-ink);background:var(--ph-soft)}
.article-title{display:block;font-weight:600;color:var(--ph-accent-ink)}
.article-excerpt{margin-top:2px;font-size:13px;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.contact-prompt{margin-top:20px;padding:14px;border-radius:10px;background:var(--ph-soft);text-align:center}
.contact-prompt p{margin:0 0 10px}
.primary,.secondary{min-height:40px;padding:0 18px;font:inherit;font-weight:600;line-height:1}
.primary{border:0}
.primary:disabled{opacity:.6;cursor:progress}
.secondary{background:var(--ph-bg)}
.notice{padding:12px;border-radius:10px;background:var(--ph-warn-bg);color:var(--ph-warn)}
.notice p{margin:0 0 8px}
.article-heading{margin:0 0 10px;font-size:18px;line-height:1.3}
.skeleton::before,.skeleton::after{content:"";display:block;height:12px;margin-block-end:10px;border-radius:6px;background:var(--ph-line)}.skeleton::after{width:60%}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
:focus-visible{outline:3px solid var(--ph-accent-ink);outline-offset:2px}
.header :focus-visible{outline-color:currentColor}
@media (max-width:639px){.panel{inset:0;width:auto;height:auto;border-radius:0}.launcher[aria-expanded=true]{visibility:hidden}.search input{font-size:16px}}
`);

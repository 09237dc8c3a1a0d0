/**
 * The page's own styles inside its shadow root, on top of the panel's (widget/panel/styles.ts): the
 * views fill a column instead of a 380 px panel, and the column's margins come from the page shell;
 * the page's navigation and account forms. Its links stand apart (not in a sentence): each is at
 * least 24 px tall, a target a finger can hit.
 */
import { stylesheet } from '../panel/stylesheet.js';

export const adoptHelpPageStyles = stylesheet(`
.hc{padding-block:8px 40px}
.hc .view{padding-inline:0}
.hc-back{display:inline-block;margin-block-start:12px;padding-block:2px;color:var(--ph-accent-ink);font-weight:600;text-decoration:none}
.hc-back::before{content:"‹ "}
.hc-back:hover{text-decoration:underline}
.hc .article-heading{font-size:24px}
.hc .prose{font-size:15px;line-height:1.6}
.hc-nav{display:flex;flex-wrap:wrap;align-items:center;justify-content:flex-end;gap:8px 18px;padding-block:10px;border-block-end:1px solid var(--ph-line)}
.hc-nav-link{display:inline-block;padding-block:2px;color:var(--ph-accent-ink);font-weight:600;text-decoration:none}
.hc-nav-link:hover{text-decoration:underline}
.hc-account{position:relative}
.hc-account summary{padding-block:2px;cursor:pointer;max-inline-size:16rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;color:var(--ph-muted)}
.hc-account-menu{position:absolute;inset-inline-end:0;inset-block-start:calc(100% + 6px);z-index:1;display:flex;flex-direction:column;gap:6px;padding:10px;border:1px solid var(--ph-line);border-radius:8px;background:var(--ph-bg);box-shadow:0 6px 20px rgb(0 0 0 / 12%);min-inline-size:12rem}
.hc .account{max-inline-size:26rem}
.hc .account .section-heading{margin-block:20px 10px;font-size:22px;letter-spacing:normal;text-transform:none;color:inherit}
.account-links{margin-block:16px 0;padding-inline-start:0;list-style:none}
.account-links li{margin-block-end:8px}
.account-links a{color:var(--ph-accent-ink)}
`);

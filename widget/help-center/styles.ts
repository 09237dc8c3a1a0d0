/**
 * The page's own styles inside its shadow root, on top of the panel's (widget/panel/styles.ts): the
 * views fill a column instead of a 380 px panel, and the column's margins come from the page shell.
 */
import { stylesheet } from '../panel/stylesheet.js';

export const adoptHelpPageStyles = stylesheet(`
.hc{padding-block:8px 40px}
.hc .view{padding-inline:0}
.hc-back{display:inline-block;margin-block-start:12px;color:var(--ph-accent-ink);font-weight:600;text-decoration:none}
.hc-back::before{content:"‹ "}
.hc-back:hover{text-decoration:underline}
.hc .article-heading{font-size:24px}
.hc .prose{font-size:15px;line-height:1.6}
`);

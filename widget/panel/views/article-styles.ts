/** An article's text (headings, lists, code, tables, as the server's Markdown renders them). */
import { stylesheet } from '../stylesheet.js';

export const adoptArticleStyles = stylesheet(`
.prose{overflow-wrap:anywhere}
.prose h2,.prose h3,.prose h4{margin:18px 0 6px;font-size:15px;line-height:1.35}
.prose p,.prose ul,.prose ol,.prose pre,.prose blockquote{margin:0 0 10px}
.prose ul,.prose ol{padding-inline-start:20px}
.prose a{color:var(--ph-accent-ink)}
.prose code{padding:1px 4px;border-radius:4px;background:var(--ph-soft);font:13px ui-monospace,SFMono-Regular,Menlo,monospace}
.prose table{border-collapse:collapse}.prose td,.prose th{padding:4px 8px;border:1px solid var(--ph-line)}
`);

/** Styles of the attach control, a comment's files, the member's reply form, follow-up link and rating, on top of the form fields' (../form-styles.ts). */
import { stylesheet } from '../stylesheet.js';

export const adoptFilesStyles = stylesheet(`
.attach input[type=file]{padding:6px;border-style:dashed}
.uploads,.files{margin:8px 0 0;padding:0;list-style:none}
.upload{display:flex;flex-wrap:wrap;align-items:center;gap:4px 8px;margin-block-end:4px;padding:6px 8px;border:1px solid var(--ph-line);border-radius:8px;font-size:13px}
.upload .notice{flex-basis:100%;padding:8px}
.upload-name{font-weight:600;overflow-wrap:anywhere}
.remove{min-inline-size:24px;min-block-size:24px;margin-inline-start:auto;padding:0 8px;border:0;border-radius:6px;background:none;color:inherit;font:inherit;font-size:18px;line-height:1.3;cursor:pointer}
.remove:hover,.remove:focus-visible{background:var(--ph-soft)}
.files li{margin-block-start:6px}
.preview img{display:block;max-inline-size:160px;max-block-size:120px;border:1px solid var(--ph-line);border-radius:6px}
.download{font-size:13px;color:var(--ph-accent-ink);overflow-wrap:anywhere}
.actions{display:flex;gap:8px}
.actions .primary{flex:1}
.send-first{margin-block-start:10px;padding:12px;border:1px solid var(--ph-line);border-radius:10px}
.send-first p{margin:0 0 8px}
.send-first .actions{flex-wrap:wrap}
.rating{margin:14px 0;padding:12px;border:1px solid var(--ph-line);border-radius:10px}
.rate-title{margin:0 0 8px;font-size:15px}
.rate-scores{display:flex;gap:8px}
.rate-scores [aria-pressed=true]{border:2px solid var(--ph-accent-ink);color:var(--ph-accent-ink)}
.rate-form{margin-block-start:10px}
.rate-confirm,.rate-thanks{margin:10px 0 0}
.follow-up{padding:0;border:0;background:none;color:var(--ph-accent-ink);font:inherit;text-decoration:underline;cursor:pointer}
`);

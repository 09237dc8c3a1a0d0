/**
 * Form fields, their hints and errors: shared by the contact form and a member's reply, so esbuild
 * puts them in a chunk of their own that comes with either, never with the first load. On phones
 * the controls' text is 16 px: smaller, and the browser zooms the page in when one takes focus.
 */
import { stylesheet } from './stylesheet.js';

// A field's border is its only outline: 3:1 on the background (WCAG 1.4.11), in either theme.
export const adoptFormStyles = stylesheet(`
.ph{--ph-field:#7b8794}[data-theme=dark]{--ph-field:#7d8792}
.form .primary{width:100%;margin-top:6px}
.field{margin:0 0 14px}
.field label{display:block;margin:0 0 4px;font-weight:600}
.optional{font-weight:400;color:var(--ph-muted)}
.field input,.field select,.field textarea{display:block;width:100%;margin:0;padding:9px 10px;border:1px solid var(--ph-field);border-radius:8px;background:var(--ph-bg);color:inherit;font:inherit}
.field textarea{resize:vertical;min-height:110px}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:var(--ph-danger)}
.hint{margin:0 0 4px;font-size:12px;color:var(--ph-muted)}
.error,.form-error{margin:4px 0 0;font-size:13px;color:var(--ph-danger)}
.form-error{margin:0 0 10px}
@media (max-width:639px){.field input,.field select,.field textarea,.filter select{font-size:16px}}
`);

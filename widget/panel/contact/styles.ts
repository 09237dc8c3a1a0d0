/** Styles of the contact form and its confirmation, on top of the form fields' (../form-styles.ts). */
import { stylesheet } from '../stylesheet.js';

export const adoptContactStyles = stylesheet(`
.form .section-heading{margin-top:0;font-size:16px;letter-spacing:normal;text-transform:none;color:var(--ph-text)}
.trap{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.sent{text-align:center;padding-top:36px}
.sent-actions{display:flex;flex-wrap:wrap;justify-content:center;gap:8px}
.sent-icon{width:48px;height:48px;padding:10px;border-radius:50%;background:#dcfce7;fill:none;stroke:#15803d;stroke-width:2.5;stroke-linecap:round;stroke-linejoin:round}
[data-theme=dark] .sent-icon{background:#14532d;stroke:#bbf7d0}
`);

/**
 * The panel home's way to the site's full-page Help Center, in a new tab: the host page, and what
 * the visitor was doing on it, stay where they were.
 */
import { contactMessages as words } from '../../i18n/words.js';
import { stylesheet } from '../stylesheet.js';
import type { WidgetModel } from '../state.js';

const adoptLinkStyles = stylesheet(`
.help-center-link{display:block;margin-block:0 16px;margin-inline:16px;padding-block:10px;text-align:center;color:var(--ph-accent-ink);font-weight:600}
`);

export function HelpCenterLink({ model }: { model: WidgetModel }) {
  adoptLinkStyles(model.root);
  return (
    <a class="help-center-link" href={model.helpCenter.href} target="_blank" rel="noopener">
      {words.helpCenter}
      <span aria-hidden="true"> ↗</span>
      <span class="visually-hidden"> {words.newTab}</span>
    </a>
  );
}

/**
 * A link to one of the page's places: a real address (opens in a new tab, can be copied), followed
 * in the page on a plain click.
 */
import type { ComponentChildren } from 'preact';
import type { HelpPage } from './page.js';
import { pathOfPlace, type Place } from './routing.js';

export function PageLink({ page, to, class: className, children }: { page: HelpPage; to: Place; class?: string; children: ComponentChildren }) {
  return (
    <a
      class={className}
      href={pathOfPlace(to, page.site, Boolean(page.model.session.member.value))}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        page.places.go(to);
      }}
    >
      {children}
    </a>
  );
}

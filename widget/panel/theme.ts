/**
 * Light, dark or auto, and the colours that read on the site's colour. The chosen theme (the host's
 * `Porthole('config', { theme })`, else the site's default, else auto: the visitor's
 * `prefers-color-scheme`, followed live) becomes `data-theme` on the panel's `.ph` container, which
 * switches styles.ts's palette. Then the site's colour, as the browser resolved it, gives the text
 * on it (--ph-on-accent) and the ink for links and focus rings on the panel's background
 * (--ph-accent-ink): accent/accent-text.ts, a chunk fetched once `ready` (in the widget, once its
 * first view has been shown: the first open does not wait for it; styles.ts's defaults hold until
 * it has run).
 */
import { effect, signal } from '@preact/signals';
import type { SiteConfigBody } from '../../server/contract/types.js';
import type { LoaderBridge } from '../bridge.js';
import type { PortholeConfig } from '../porthole.js';
import type { Loadable } from '../kit/loadable.js';
import { afterFirstView } from './later-views.js';

/**
 * Keeps `container` (attached already: its colours are read beside it) painted in the theme `choose()` returns
 * — 'light', 'dark', else auto — read in an effect, so a change to any signal it reads repaints.
 * `alsoOn`: elements outside the container that show the site's colour and need its text colour too
 * (the launcher, the Help Center page's header).
 */
export function followTheme(container: HTMLElement, choose: () => unknown, alsoOn: HTMLElement[] = [], ready = Promise.resolve()) {
  // The visitor's system setting, kept current: switching the OS to dark repaints an open panel.
  const query = matchMedia('(prefers-color-scheme: dark)');
  const systemDark = signal(query.matches);
  query.addEventListener('change', () => (systemDark.value = query.matches));
  const accentText = ready.then(() => import('./accent/accent-text.js'));

  effect(() => {
    const chosen = choose();
    const theme = chosen === 'light' || chosen === 'dark' ? chosen : systemDark.value ? 'dark' : 'light';
    for (const element of [container, ...alsoOn]) element.dataset.theme = theme;
    void accentText.then(({ paintAccentText }) => paintAccentText(container, alsoOn));
  });
}

/** The site's default theme, once its config has arrived. */
export const siteTheme = (config: Loadable<SiteConfigBody>) => (config.state === 'ready' ? config.value.site.theme : undefined);

/**
 * The widget's panel: the site's colour from its config under the host's (the loader's `!important`
 * rule wins), the host's theme before the site's; the launcher's text follows the colour too.
 */
export function paintWidgetTheme(
  bridge: LoaderBridge,
  model: { config: { value: Loadable<SiteConfigBody> }; hostSettings: { value: PortholeConfig } },
  container: HTMLElement,
) {
  const siteColor = new CSSStyleSheet();
  bridge.root.adoptedStyleSheets = [...bridge.root.adoptedStyleSheets, siteColor];
  followTheme(
    container,
    () => {
      const config = model.config.value;
      const color = config.state === 'ready' ? config.value.site.color : '';
      // Applied in the theme's own effect, so the text on the colour is read after the colour changed.
      // Only a value the browser accepts as a colour ever reaches the stylesheet.
      if (color && CSS.supports('color', color)) siteColor.replaceSync(`:host{--ph-accent:${color}}`);
      return model.hostSettings.value.theme ?? siteTheme(config);
    },
    [bridge.launcher],
    afterFirstView,
  );
}

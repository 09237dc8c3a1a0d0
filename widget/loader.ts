/**
 * widget.js — the only script every host page pays for. It replays the `Porthole(...)` queue, draws
 * the Support button in a shadow root, and loads the panel only when the visitor shows interest
 * (hover, focus, click, or an `open`/`toggle`/`navigate` command). Until then: no request, no cookie.
 */
import { launcherWords, pickLocale, type Locale } from './i18n/locales.js';
import { launcherCss } from './launcher-style.js';
import type { Command, PanelControl, MountPanel } from './bridge.js';
import type { PortholeConfig } from './porthole.js';

// The panel's entry, one per locale with its first words inside (`<PANEL_ENTRY><locale>.js`, see
// widget/panel/entry.ts), and the chunks it imports. Injected by build.mjs.
declare const PANEL_ENTRY: string;
declare const PANEL_FILES: string[];

type Stub = ((...args: unknown[]) => void) & { q?: Iterable<unknown>[]; loaded?: boolean };

// Captured at top level: document.currentScript is only set while this script first runs.
const script = document.currentScript as HTMLScriptElement | null;
const w = window as unknown as { Porthole?: Stub };

if (script && !w.Porthole?.loaded) start(script);

function start(script: HTMLScriptElement) {
  const queued = w.Porthole?.q ?? [];
  const readyHandlers: (() => void)[] = [];
  const settings: PortholeConfig = { color: script.dataset.color };
  const pending: Command[] = [];
  let panel: PanelControl | undefined;
  let loading: Promise<void> | undefined;
  let ready = false;
  let locale: Locale;

  const element = document.createElement('porthole-widget');
  const root = element.attachShadow({ mode: 'open' });
  const base = new CSSStyleSheet();
  base.replaceSync(launcherCss);
  root.adoptedStyleSheets = [base];

  // Its speech-bubble icon is drawn by the stylesheet (launcher-style.ts): fewer bytes than building an SVG.
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.setAttribute('aria-expanded', 'false');
  // Its direction is its word's (the panel's root gets the locale's `dir`): an Arabic label reads right to left
  // whatever the host page's direction.
  launcher.dir = 'auto';
  root.append(launcher);

  const applySettings = () => {
    // The host's choice, then the browser's languages, then the site's default from the snippet. The widget's own
    // language and direction, whatever the host page's: an English panel on an Arabic page stays left-to-right, and
    // a screen reader reads it with the right voice. Once loaded, the panel decides (it knows the site's default).
    if (!panel) {
      locale = pickLocale([settings.locale, ...navigator.languages, script.dataset.locale]);
      element.lang = locale;
      // Its only node until the panel adds the member's badge after it (the icon is the stylesheet's).
      launcher.textContent = launcherWords[locale];
    }
    // Only 'left' moves it (launcher-style.ts); anything else is the default, the right.
    element.dataset.position = settings.position as string;
    launcher.hidden = !!settings.hideLauncher;
    // Only a value the browser accepts as a colour; on the element itself, important: it outranks the site's
    // colour the panel sets inside the shadow root.
    if (settings.color && CSS.supports('color', settings.color)) element.style.setProperty('--ph-accent', settings.color, 'important');
  };

  // The locale's entry, with its words, and the chunks it imports, in one round trip.
  const load = () =>
    (loading ??= Promise.all([PANEL_ENTRY + locale + '.js', ...PANEL_FILES].map((file) => import(new URL(`widget/chunks/${file}`, script.src).href))).then(
      ([{ mountPanel }]: { mountPanel: MountPanel }[]) => {
        panel = mountPanel({ root, launcher, site: script.dataset.site as string, scriptUrl: script.src, settings, locale }, pending.splice(0));
      },
      () => {
        loading = undefined; // a failed download may be retried by the next sign of interest
      },
    ));

  const run = (command: Command) => {
    const [name, first, second] = command;
    // `ready` is the loader's own event; every other handler goes to the panel with the queued commands.
    if (name === 'on' && first === 'ready') return ready ? (second as () => void)() : void readyHandlers.push(second as () => void);
    if (name === 'config') {
      Object.assign(settings, first);
      applySettings();
    }
    if (panel) return panel.run(command);
    pending.push(command);
    if (name === 'open' || name === 'toggle' || name === 'navigate') void load();
    // A signed-in member's badge ("2 awaiting your reply") is worth a request — once the browser is idle.
    if (name === 'identify') (window.requestIdleCallback ?? setTimeout)(load);
  };

  launcher.onclick = () => run(['toggle']);
  // Pointer events cover mouse, pen and touch: a finger on the button is interest too.
  launcher.onpointerenter = launcher.onfocus = load;

  const porthole: Stub = (...args: unknown[]) => run(args as Command);
  porthole.loaded = true;
  w.Porthole = porthole;
  for (const args of queued) run([...args] as Command);
  applySettings();

  // Appended to <html>, not <body>: a transformed or overflow-clipped body would trap a fixed element.
  document.documentElement.append(element);
  ready = true;
  // Each in a task of its own: one host handler's exception must not keep the others from running.
  for (const handler of readyHandlers) queueMicrotask(handler);
  if (/^#porthole=/.test(location.hash)) run(['open']);
}

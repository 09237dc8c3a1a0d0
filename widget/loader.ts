/**
 * widget.js — the only script every host page pays for. It replays the `Porthole(...)` queue, draws
 * the Support button in a shadow root, and loads the panel only when the visitor shows interest
 * (hover, focus, click, or an `open`/`toggle`/`navigate` command). Until then: no request, no cookie.
 */
import { launcherWords } from './i18n/launcher.js';
import { launcherCss } from './launcher-style.js';
import type { Command, LauncherSettings, PanelControl, WidgetEvent, MountPanel } from './bridge.js';

// The panel's content-hashed entry file, then the chunks it imports; injected by build.mjs.
declare const PANEL_FILES: string[];

type Stub = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; loaded?: boolean };

// Captured at top level: document.currentScript is only set while this script first runs.
const script = document.currentScript as HTMLScriptElement | null;
const w = window as unknown as { Porthole?: Stub };

if (script && !w.Porthole?.loaded) start(script);

function start(script: HTMLScriptElement) {
  const queued = w.Porthole?.q ?? [];
  const handlers: Partial<Record<WidgetEvent, ((detail?: unknown) => void)[]>> = {};
  const settings: LauncherSettings = { color: script.dataset.color, position: 'right', hideLauncher: false };
  const pending: Command[] = [];
  let panel: PanelControl | undefined;
  let loading: Promise<void> | undefined;
  let ready = false;

  const emit = (event: WidgetEvent, detail?: unknown) => {
    for (const handler of handlers[event] ?? []) {
      try {
        handler(detail);
      } catch (error) {
        // A host's handler must not break the widget; report it where the host will look.
        setTimeout(() => {
          throw error;
        });
      }
    }
  };

  const element = document.createElement('porthole-widget');
  const root = element.attachShadow({ mode: 'open' });
  const base = new CSSStyleSheet();
  const theme = new CSSStyleSheet();
  base.replaceSync(launcherCss);
  root.adoptedStyleSheets = [base, theme];

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.setAttribute('aria-expanded', 'false');
  const icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M4 4h16v12H10l-6 4z'); // a speech bubble
  icon.append(path);
  const label = document.createElement('span');
  label.textContent = launcherWords.en;
  launcher.append(icon, label);
  root.append(launcher);

  const applySettings = () => {
    element.dataset.position = settings.position === 'left' ? 'left' : 'right';
    launcher.hidden = settings.hideLauncher;
    // Only a value the browser accepts as a colour ever reaches the stylesheet.
    const color = settings.color && CSS.supports('color', settings.color) ? settings.color : '';
    theme.replaceSync(color ? `:host{--ph-accent:${color}!important}` : '');
  };

  const load = () =>
    (loading ??= Promise.all(PANEL_FILES.map((file) => import(new URL(`widget/chunks/${file}`, script.src).href))).then(
      ([{ mountPanel }]: { mountPanel: MountPanel }[]) => {
        panel = mountPanel({ root, launcher, site: script.dataset.site ?? '', scriptUrl: script.src, settings, emit }, pending.splice(0));
      },
      () => {
        loading = undefined; // a failed download may be retried by the next sign of interest
      },
    ));

  const run = (command: Command) => {
    const [name, first, second] = command;
    if (name === 'on') {
      (handlers[first as WidgetEvent] ??= []).push(second as () => void);
      if (first === 'ready' && ready) (second as () => void)();
      return;
    }
    if (name === 'config') {
      Object.assign(settings, first);
      applySettings();
    }
    if (panel) return panel.run(command);
    pending.push(command);
    if (name === 'open' || name === 'toggle' || name === 'navigate') void load();
    // A signed-in member's badge ("2 awaiting your reply") is worth a request — but only once the
    // host page has loaded and the browser is idle.
    if (name === 'identify') {
      const idle = () => (window.requestIdleCallback ?? setTimeout)(() => void load());
      if (document.readyState === 'complete') idle();
      else addEventListener('load', idle, { once: true });
    }
  };

  launcher.addEventListener('click', () => run(['toggle']));
  // Pointer events cover mouse, pen and touch: a finger on the button is interest too.
  for (const interest of ['pointerenter', 'focus']) launcher.addEventListener(interest, () => void load(), { once: true, passive: true });

  const porthole: Stub = (...args: unknown[]) => run(args as Command);
  porthole.loaded = true;
  w.Porthole = porthole;
  for (const args of Array.from(queued)) run(Array.from(args) as Command);
  applySettings();

  // Appended to <html>, not <body>: a transformed or overflow-clipped body would trap a fixed element.
  document.documentElement.append(element);
  ready = true;
  emit('ready');
  if (/^#porthole=/.test(location.hash)) run(['open']);
}

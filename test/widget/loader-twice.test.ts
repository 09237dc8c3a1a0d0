// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/"}
/**
 * widget.js itself (widget/loader.ts), run the way a host page runs it — with a `Porthole(...)`
 * queue filled before it arrives, and then a second copy pasted onto the same page. The panel is
 * never loaded here: only commands that do not need it are used.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';

type Stub = ((...args: unknown[]) => void) & { q?: unknown[][]; loaded?: boolean };
const win = window as unknown as { Porthole?: Stub };

/** Runs (a fresh copy of) the loader as if from `<script src=".../widget.js" data-site="demo">`; true once it has run. */
async function runLoader(): Promise<boolean> {
  const script = document.createElement('script');
  script.src = 'https://support.example.com/widget.js';
  script.dataset.site = 'demo';
  // Not inserted: happy-dom would try (and fail) to fetch it; the loader only reads src and data-*.
  let ran = false;
  Object.defineProperty(document, 'currentScript', {
    configurable: true,
    get: () => {
      ran = true;
      return script;
    },
  });
  vi.resetModules();
  await import('../../widget/loader.js');
  Object.defineProperty(document, 'currentScript', { configurable: true, get: () => null });
  return ran;
}

/** The snippet a host page pastes: a stub that queues calls until widget.js has loaded. */
function installStub() {
  const stub: Stub = (...args: unknown[]) => {
    (stub.q = stub.q || []).push(args);
  };
  win.Porthole = stub;
  return stub;
}

const widgets = () => document.querySelectorAll('porthole-widget');
const launcher = () => widgets()[0]?.shadowRoot?.querySelector<HTMLButtonElement>('.launcher');

afterEach(() => {
  for (const el of Array.from(widgets())) el.remove();
  delete win.Porthole;
});

describe('the loader on a host page', () => {
  test('calls queued before it loaded run in the order they were made', async () => {
    const heard: string[] = [];
    const porthole = installStub();
    porthole('config', { position: 'left', hideLauncher: true });
    porthole('on', 'ready', () => heard.push('first ready handler'));
    porthole('config', { position: 'right' });
    porthole('on', 'ready', () => heard.push('second ready handler'));
    porthole('config', { hideLauncher: false });
    await runLoader();

    expect(widgets()).toHaveLength(1);
    // The later config won over the earlier one, so they ran in order.
    expect((widgets()[0] as HTMLElement).dataset.position).toBe('right');
    expect(launcher()!.hidden).toBe(false);
    expect(heard).toEqual(['first ready handler', 'second ready handler']);
  });

  test('a second copy of the loader on the same page adds no second widget and keeps the first one working', async () => {
    const heard: string[] = [];
    installStub()('on', 'ready', () => heard.push('ready'));
    await runLoader();
    const first = win.Porthole;
    expect(first?.loaded).toBe(true);

    expect(await runLoader()).toBe(true); // the second copy really ran
    expect(widgets()).toHaveLength(1);
    expect(win.Porthole).toBe(first);
    expect(heard).toEqual(['ready']);

    // Commands after the second copy still reach the one widget.
    win.Porthole!('config', { hideLauncher: true });
    expect(launcher()!.hidden).toBe(true);
    win.Porthole!('config', { position: 'left' });
    expect((widgets()[0] as HTMLElement).dataset.position).toBe('left');
  });

  test('a ready handler added after the widget is ready is called at once', async () => {
    installStub();
    await runLoader();
    const late = vi.fn();
    win.Porthole!('on', 'ready', late);
    expect(late).toHaveBeenCalledTimes(1);
  });
});

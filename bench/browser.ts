/**
 * bench/browser — what the widget costs a host page in real Chromium, against the real support
 * server and the demo host (started as the browser tests start them: test/e2e/support/servers.ts,
 * on loopback ports with a fresh seeded database).
 *
 *   npm run build && node bench/run.mjs browser
 *
 * 1. Long tasks at page load: the demo host's /billing page loaded on a fresh browser context with
 *    the widget, and with widget.js blocked (page.route → abort); long tasks are collected by a
 *    PerformanceObserver('longtask', buffered) installed before any page script runs, from
 *    navigation until 1.5 s after `load` (the Support button is drawn by then); the two variants
 *    alternate and the harness does the same in both. A second observer ('long-animation-frame', buffered) names the scripts that
 *    ran inside long frames, so the widget's own share (widget.js, panel chunks) is seen apart from
 *    the host page's. Also at 4× CPU throttling (DevTools' "mid-tier mobile"), for information.
 * 2. Click on Support → first suggested article visible: the time from the click's pointerdown
 *    (event.timeStamp) until an `.article-title` in the widget's shadow root is laid out and
 *    visible (checked on every DOM mutation and every frame), measured in the page. Playwright's
 *    click moves the pointer and presses at once, so the hover prefetch gets no head start: this is
 *    the slow case. Cold = a fresh context each run (empty HTTP cache); warm = the same context,
 *    a fresh page each run (panel chunks cached). Loopback network: no latency.
 *
 * Knobs: BENCH_RUNS (10: click runs; page loads are twice as many per variant), CHROMIUM_PATH
 * (/usr/bin/chromium), BENCH_VERBOSE (every page load's long tasks and long-frame scripts).
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServers } from '../test/e2e/support/servers.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
/** Long tasks are rare events: more page loads than click runs, so a difference is not noise. */
const LOADS = 2 * RUNS;
const PAGE = '/billing';
const TARGET_CLICK_MS = 100;

interface LongTask {
  start: number;
  duration: number;
}

/** A script run inside a long animation frame (LoAF), with the file it came from. */
interface FrameScript {
  source: string;
  invoker: string;
  start: number;
  duration: number;
}

interface Bench {
  longTasks: LongTask[];
  /** Scripts that ran in long animation frames (≥ 50 ms): who made the page janky. */
  frameScripts: FrameScript[];
  down?: number;
  visible?: number;
}

declare global {
  interface Window {
    __bench?: Bench;
  }
}

/** Runs in the page before its own scripts (Playwright init script; not subject to the page's CSP). */
function instrument(): void {
  const bench: Bench = { longTasks: [], frameScripts: [] };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries() as (PerformanceEntry & {
        scripts?: { sourceURL: string; invoker: string; startTime: number; duration: number }[];
      })[]) {
        for (const script of frame.scripts ?? []) {
          bench.frameScripts.push({ source: script.sourceURL, invoker: script.invoker, start: script.startTime, duration: script.duration });
        }
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // a browser without the Long Animation Frames API: only long tasks are counted
  }

  const firstArticle = (): Element | null => {
    const host = document.querySelector('porthole-widget');
    const roots: (ShadowRoot | Document)[] = host?.shadowRoot ? [host.shadowRoot] : [];
    while (roots.length) {
      const root = roots.shift()!;
      const found = root.querySelector('.article-title');
      if (found) return found;
      for (const element of Array.from(root.querySelectorAll('*'))) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    return null;
  };
  const shown = (element: Element) => {
    const box = element.getBoundingClientRect();
    const visible = 'checkVisibility' in element ? element.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : true;
    return visible && box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight;
  };
  const check = () => {
    if (bench.down === undefined || bench.visible !== undefined) return;
    const article = firstArticle();
    if (article && shown(article)) bench.visible = performance.now();
  };
  addEventListener(
    'pointerdown',
    (event) => {
      if (bench.down !== undefined) return;
      bench.down = event.timeStamp;
      const observer = new MutationObserver(check);
      const host = document.querySelector('porthole-widget');
      if (host?.shadowRoot) observer.observe(host.shadowRoot, { childList: true, subtree: true, attributes: true });
      observer.observe(document.documentElement, { childList: true, subtree: true });
      const frame = () => {
        check();
        if (bench.visible === undefined) requestAnimationFrame(frame);
        else observer.disconnect();
      };
      requestAnimationFrame(frame);
    },
    { capture: true },
  );
}

const launcher = (page: Page) => page.getByRole('button', { name: 'Support', exact: true });
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmt = (value: number) => value.toFixed(1);

interface Load {
  tasks: LongTask[];
  /** Scripts that ran inside long animation frames, and those of them from the support server. */
  scripts: FrameScript[];
  widgetScripts: FrameScript[];
  /** When widget.js had arrived (its resource timing's responseEnd), if it was loaded. */
  widgetArrived?: number;
}

async function pageLoad(browser: Browser, url: string, supportUrl: string, blocked: boolean, throttle: number): Promise<Load> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(instrument);
    if (blocked) await page.route('**/widget.js', (route) => route.abort());
    if (throttle > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    // No Playwright locator before the figures are read: its injected script would be a long task
    // of the harness's own (at 4× it is), and only in the variant that waits for the button.
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(1500);
    const { longTasks, frameScripts, drawn, widgetArrived } = await page.evaluate(() => ({
      ...window.__bench!,
      drawn: Boolean(document.querySelector('porthole-widget')),
      widgetArrived: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) =>
        /\/widget\.js$/.test(new URL(entry.name).pathname),
      )?.responseEnd,
    }));
    if (drawn === blocked)
      throw new Error(blocked ? 'the widget loaded although widget.js was blocked' : 'the widget did not draw its button within 1.5 s of load');
    if (process.env.BENCH_VERBOSE) console.log(JSON.stringify({ blocked, throttle, longTasks, frameScripts }));
    return { tasks: longTasks, scripts: frameScripts, widgetScripts: frameScripts.filter((script) => script.source.startsWith(supportUrl)), widgetArrived };
  } finally {
    await context.close();
  }
}

async function clickToArticle(context: BrowserContext, url: string): Promise<{ ms: number; fetched: number }> {
  const page = await context.newPage();
  try {
    await page.addInitScript(instrument);
    let fetched = 0;
    page.on('request', () => fetched++);
    await page.goto(url, { waitUntil: 'load' });
    await launcher(page).waitFor();
    await page.waitForTimeout(300);
    const before = fetched;
    await launcher(page).click();
    await page.waitForFunction(() => window.__bench?.visible !== undefined, undefined, { timeout: 10_000 });
    const { down, visible } = await page.evaluate(() => window.__bench!);
    return { ms: visible! - down!, fetched: fetched - before };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync('dist/widget/widget.js')) throw new Error('dist/widget/widget.js is missing: run `npm run build` first (from the repository root)');
  const servers = await startServers();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const url = `${servers.demo.url}${PAGE}`;
  try {
    console.log(`bench/browser — ${await browser.version()} (headless), demo host ${url}, support server ${servers.support.url}`);
    console.log(
      `  ${LOADS} page loads per variant, ${RUNS} click runs; node ${process.version}, ${cpus().length} cores, load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}\n`,
    );

    console.log('Long tasks at page load (PerformanceObserver "longtask", buffered; from navigation to 1.5 s after load):');
    console.log(
      `  ${'variant'.padEnd(34)} ${'pages with any'.padStart(14)} ${'median count'.padStart(12)} ${'median total ms'.padStart(15)} ${'longest ms'.padStart(10)}   widget scripts inside long frames (LoAF)`,
    );
    for (const throttle of [1, 4]) {
      const loads: Record<'with' | 'without', Load[]> = { with: [], without: [] };
      // Alternating, each on a fresh context, so drift in the machine's load hits both alike.
      for (let run = 0; run < LOADS; run++) {
        loads.with.push(await pageLoad(browser, url, servers.support.url, false, throttle));
        loads.without.push(await pageLoad(browser, url, servers.support.url, true, throttle));
      }
      const totalOf = (tasks: LongTask[]) => tasks.reduce((sum, task) => sum + task.duration, 0);
      for (const variant of ['with', 'without'] as const) {
        const runs = loads[variant];
        const name = `${variant === 'with' ? 'with widget' : 'widget.js blocked'}${throttle > 1 ? `, CPU ${throttle}× slower` : ''}`;
        const any = runs.filter((load) => load.tasks.length).length;
        const longest = Math.max(0, ...runs.flatMap((load) => load.tasks.map((task) => task.duration)));
        const scripts = runs.flatMap((load) => load.widgetScripts);
        const during =
          variant === 'with'
            ? `${runs.filter((load) => load.widgetScripts.length).length}/${LOADS} pages; longest ${fmt(Math.max(0, ...scripts.map((script) => script.duration)))} ms`
            : '';
        console.log(
          `  ${name.padEnd(34)} ${`${any}/${LOADS}`.padStart(14)} ${pad(median(runs.map((load) => load.tasks.length)))} ${fmt(median(runs.map((load) => totalOf(load.tasks)))).padStart(15)} ${fmt(longest).padStart(10)}   ${during}`,
        );
      }
      const added = median(loads.with.map((load) => load.tasks.length)) - median(loads.without.map((load) => load.tasks.length));
      const addedMs = median(loads.with.map((load) => totalOf(load.tasks))) - median(loads.without.map((load) => totalOf(load.tasks)));
      // The widget adds a long task when one of its scripts runs 50 ms or more by itself, or when
      // one of its scripts runs inside a long task (the verdict). For the rest, compare: pages with
      // a long task ending after widget.js arrived, with it and without (after the same moment, the
      // median arrival); a task over before widget.js arrived is the host page's own.
      const ownLong = loads.with.flatMap((load) => load.widgetScripts).filter((script) => script.duration >= 50).length;
      const arrived = median(loads.with.map((load) => load.widgetArrived ?? 0));
      const lateTasks = (load: Load, from: number) => load.tasks.filter((task) => task.start + task.duration > from);
      const pagesWith = loads.with.filter((load) => lateTasks(load, load.widgetArrived ?? 0).length).length;
      const pagesWithout = loads.without.filter((load) => lateTasks(load, arrived).length).length;
      // Long tasks inside which one of the widget's scripts started: the widget's without doubt.
      const containing = loads.with.flatMap((load) =>
        load.tasks.filter((task) => load.widgetScripts.some((script) => script.start >= task.start && script.start < task.start + task.duration)),
      ).length;
      const met = ownLong === 0 && containing === 0;
      const verdict = throttle === 1 ? `   target: none  ${met ? 'ok' : 'MISSED'}` : '   (information)';
      console.log(
        `  → added by the widget${throttle > 1 ? ` at ${throttle}×` : ''}: ${added} long tasks (difference of medians), ${fmt(addedMs)} ms of long-task time; ` +
          `long tasks with a widget script inside: ${containing}; widget scripts of ≥ 50 ms: ${ownLong}; ` +
          `pages with a long task ending after widget.js arrived (median ${fmt(arrived)} ms): ${pagesWith} with it vs ${pagesWithout} without${verdict}`,
      );
      // Who was running in the long frames of the pages with the widget that had long tasks.
      for (const load of loads.with.filter((l) => l.tasks.length)) {
        const tasks = load.tasks
          .map(
            (task) =>
              `${fmt(task.duration)} ms at ${fmt(task.start)}${task.start + task.duration <= (load.widgetArrived ?? 0) ? ' (before widget.js arrived)' : ''}`,
          )
          .join(', ');
        const scripts = load.scripts
          .map((script) => `${script.source.replace(/^https?:\/\/[^/]+/, '') || script.invoker} ${fmt(script.duration)} ms at ${fmt(script.start)}`)
          .join(', ');
        console.log(
          `      page with widget (widget.js arrived at ${fmt(load.widgetArrived ?? NaN)} ms): long tasks ${tasks}; scripts in long frames: ${scripts || 'none'}`,
        );
      }
    }

    console.log(`\nClick on Support → first suggested article visible (${PAGE}; pointerdown to visible, measured in the page):`);
    const cold: { ms: number; fetched: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      try {
        cold.push(await clickToArticle(context, url));
      } finally {
        await context.close();
      }
    }
    const warmContext = await browser.newContext();
    const warm: { ms: number; fetched: number }[] = [];
    try {
      await clickToArticle(warmContext, url); // fills the HTTP cache; not counted
      for (let run = 0; run < RUNS; run++) warm.push(await clickToArticle(warmContext, url));
    } finally {
      await warmContext.close();
    }
    for (const [name, runs] of [
      ['cold (fresh context: empty cache)', cold],
      ['warm (same context: chunks cached)', warm],
    ] as const) {
      const times = runs.map((run) => run.ms);
      const verdict = median(times) <= TARGET_CLICK_MS ? 'ok' : 'MISSED';
      console.log(
        `  ${name.padEnd(36)} median ${fmt(median(times)).padStart(6)} ms   min ${fmt(Math.min(...times)).padStart(6)}   max ${fmt(Math.max(...times)).padStart(6)}   ` +
          `requests after the click: ${median(runs.map((run) => run.fetched))}   target ≤ ${TARGET_CLICK_MS} ms  ${verdict}`,
      );
      console.log(`    runs (ms): ${times.map(fmt).join(', ')}`);
    }
  } finally {
    await browser.close();
    await servers.close();
  }
}

const pad = (value: number) => String(value).padStart(12);

await main();

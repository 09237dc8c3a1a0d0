/**
 * One browser-test file's world: the real servers and Chromium, started before its tests and
 * stopped after. Fields are filled in by `beforeAll`, so use them inside tests and hooks only.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServers, type Servers } from './servers.js';

export function realServersAndBrowser(): { servers: Servers; browser: Browser } {
  const world = {} as { servers: Servers; browser: Browser };
  beforeAll(async () => {
    world.servers = await startServers();
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.servers?.close();
  });
  return world;
}

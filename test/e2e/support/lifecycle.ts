/**
 * One browser-test file's world: the real servers and Chromium, started before its tests and
 * stopped after. Fields are filled in by `beforeAll`, so use them inside tests and hooks only.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPerson, type Person } from './browser.js';
import { startServers, type Servers, type ServersOptions } from './servers.js';

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

/** The same world with a member and an agent in it, each in a browser context of their own, side by side. */
export function aMemberAndAnAgent(options?: ServersOptions): { servers: Servers; member: Person; agent: Person } {
  const world = {} as { servers: Servers; browser: Browser; member: Person; agent: Person };
  beforeAll(async () => {
    world.servers = await startServers(options);
    world.browser = await launchBrowser();
    world.member = await newPerson(world.browser);
    world.agent = await newPerson(world.browser);
  });
  afterAll(async () => {
    await world.member?.context.close();
    await world.agent?.context.close();
    await world.browser?.close();
    await world.servers?.close();
  });
  return world;
}

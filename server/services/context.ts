/**
 * What the services work with, defined here, by the services layer: the store behind the storage
 * port, the clock, the live-event bus, the caches of sites and members, mail links, files and the
 * configuration. The Fastify app (app.ts `Porthole`) and the background jobs each hand over one;
 * services never import the app, and never an adapter of the store.
 */
import type { Config } from '../config.js';
import type { Links } from '../auth/link-tokens.js';
import type { Files } from '../files/files.js';
import type { Store } from '../store/types.js';
import type { Clock } from './clock.js';
import type { EventBus } from './events.js';
import type { MemberDirectory } from './member-directory.js';
import type { SiteDirectory } from './site-directory.js';

export interface Services {
  store: Store;
  clock: Clock;
  events: EventBus;
  sites: SiteDirectory;
  members: MemberDirectory;
  links: Links;
  /** Attachments' bytes and their signed download URLs (server/files/). */
  files: Files;
  config: Config;
}

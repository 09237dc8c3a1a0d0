/**
 * Starts the support server: open (and migrate) the database, seed demo data on a fresh
 * development database, listen, and run the background work (mail and webhook delivery, auto-close). Closing
 * is orderly: stop accepting, let in-flight requests finish, stop the background work, close the database.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { DEV_DEMO_AGENT_PASSWORD, type Config } from './config.js';
import { protectServer } from './http/protect-server.js';
import { openStore } from './store/open.js';
import { seedIfEmpty, syncDemoSite } from './seed/seed.js';
import { createMailTransport } from './mail/transport.js';
import { createOutboxSender } from './mail/outbox-sender.js';
import { createWebhookWorker } from './webhooks/delivery-worker.js';
import { replyToOf } from './mail/reply-address.js';
import { startSmtpListener } from './mail/inbound/smtp-listener.js';
import { systemClock } from './services/clock.js';
import { createEventBus } from './services/events.js';
import { scheduleMaintenance } from './services/maintenance.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Where inbound SMTP listens, when it does. */
  smtpPort?: number;
  close(): Promise<void>;
}

export const demoOriginsFor = (demoPort: number) => [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`];

/** Listens with the guards against slow and greedy clients on (server/http/); bench/api listens the same way. */
export async function listenProtected(app: FastifyInstance, config: Config): Promise<string> {
  protectServer(app.server, config, (line) => app.log.warn(line));
  // Fastify's own start line, said fuller: who can reach the server, and where the team signs in.
  const listenTextResolver = (address: string) =>
    `support server listening on ${address}${reach(config.host)}; the support team's inbox: ${config.publicUrl}/agent`;
  return app.listen({ port: config.port, host: config.host, listenTextResolver });
}

/** Who can reach the server, said at start: loopback is the default, and a surprise to someone expecting the network. */
const reach = (host: string) =>
  ['127.0.0.1', '::1', 'localhost'].includes(host) ? ' (this machine only; set HOST=0.0.0.0 to accept connections from the network)' : '';

export async function startSupportServer(config: Config, options: { logger?: boolean } = {}): Promise<RunningServer> {
  const store = await openStore(config);
  if (!config.production) {
    const demo = { demoOrigins: demoOriginsFor(config.demoPort), demoSupportUrl: `http://localhost:${config.demoPort}/`, now: new Date() };
    // Instances starting together on one new database seed it once: the others wait, then find it seeded.
    const seeded = await store.leases.runInTurn('seed', () =>
      seedIfEmpty(store, { ...demo, demoSiteSecret: config.demoSiteSecret, demoAgentPassword: DEV_DEMO_AGENT_PASSWORD }),
    );
    if (!seeded) await syncDemoSite(store, demo);
  }
  const events = createEventBus(store.bus);
  const app = await buildApp({ store, config, events, logger: options.logger ?? true });

  const transport = createMailTransport({ smtpUrl: config.smtpUrl, mailDir: config.mailDir });
  const replyTo = replyToOf(store, app.porthole.replyAddresses, systemClock);
  const mail = createOutboxSender({ store, transport, clock: systemClock, from: config.mailFrom, log: app.log, replyTo });
  // Its own loop: a slow webhook receiver never delays a mail.
  const webhooks = createWebhookWorker({ store, clock: systemClock, allowPrivateNetworks: config.webhookAllowPrivateNetworks, log: app.log });
  const stopMaintenance = scheduleMaintenance(
    { store, clock: systemClock, events, autoCloseAfterHours: config.autoCloseAfterHours, files: app.porthole.files.storage },
    (error) => app.log.error({ err: error }, 'maintenance failed'),
  );

  const address = await listenProtected(app, config);
  const { inbound } = config;
  const smtp =
    inbound.smtpPort === undefined
      ? undefined
      : await startSmtpListener({
          inbound,
          connections: config.connections,
          host: config.host,
          port: inbound.smtpPort,
          receive: app.porthole.receiveMail,
          log: app.log,
        });
  mail.start();
  webhooks.start();
  if (config.webhookAllowPrivateNetworks)
    app.log.warn('WEBHOOK_ALLOW_PRIVATE_NETWORKS=true: webhooks may reach private and loopback addresses (development only)');
  app.log.info(transport.kind === 'smtp' ? 'mail goes out over SMTP' : `no SMTP_URL: mail is written to ${config.mailDir}`);
  const port = Number(new URL(address).port);
  return {
    app,
    url: `http://localhost:${port}`,
    smtpPort: smtp?.port,
    async close() {
      await smtp?.close();
      await app.close();
      stopMaintenance();
      await Promise.all([mail.stop(), webhooks.stop()]);
      transport.close();
      await store.close();
    },
  };
}

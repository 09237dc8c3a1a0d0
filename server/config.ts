/** Configuration comes from the environment, with defaults that work on a laptop (README lists them). */
import { dirname, join, resolve } from 'node:path';
import { defaultMaxConnections } from './http/descriptor-limit.js';
import { trustedProxy } from './http/trusted-proxy.js';
import { LIMITS } from './contract/rules.js';

/** The development secret of the seeded `demo` site. README gives it; production refuses it. */
export const DEV_DEMO_SITE_SECRET = 'porthole-demo-site-secret-for-development-only';
/** The seeded demo agent's inbox password (riley@northwind.example); demo data is never seeded in production. */
export const DEV_DEMO_AGENT_PASSWORD = 'northwind-demo-agent';

export interface Config {
  port: number;
  host: string;
  demoPort: number;
  publicUrl: string;
  databasePath: string;
  /** A PostgreSQL URL (`DATABASE_URL=postgres://…`) for several instances; unset, the SQLite file at `databasePath`. */
  databaseUrl?: string;
  /** Connections each instance keeps to PostgreSQL. */
  databasePoolSize: number;
  demoSiteSecret: string;
  /** Only when set is X-Forwarded-For believed. */
  trustProxy: boolean | string;
  production: boolean;
  /** Built widget assets (loader and panel chunks), served by the support server. */
  widgetDir: string;
  /** Signs member sessions; when unset, one is generated once and stored in the database. */
  sessionSecret?: string;
  /** Outgoing mail: SMTP when set, else messages are written as .eml files to `mailDir`. */
  smtpUrl?: string;
  mailFrom: string;
  /** Where the server keeps files other than the database: by default the database file's folder. */
  dataDir: string;
  mailDir: string;
  /** Attachments' bytes with SQLite (`<filesDir>/<siteId>/<key>`); on PostgreSQL they live in the database. */
  filesDir: string;
  attachments: AttachmentLimits;
  /** Solved requests close by themselves after this long. */
  autoCloseAfterHours: number;
  /** Anonymous submissions allowed per site and client address in `windowMs`. */
  submitLimit: { max: number; windowMs: number };
  /** Open windows each rate limit keeps in memory; beyond that, new keys share one window. */
  rateLimitKeys: number;
  /**
   * Live-event streams open at once: per person (a member — all their sessions together, mail-link
   * sessions included — or an agent), per client address, and in this whole process.
   */
  streams: { perPerson: number; perAddress: number; max: number };
  /** An inbox session ends this long after sign-in, however busy it is (besides the 12 h idle limit). */
  agentSessionMaxHours: number;
  /** Single notification mails each agent gets from one site in a clock hour; the rest go into one digest per hour. */
  agentMailsPerHour: number;
  /** What one client may hold of the server: time, connections (server/http/protect-server.ts). */
  connections: ConnectionLimits;
  /** Mail in (server/mail/inbound/): reply addresses, the SMTP listener and the HTTP route. */
  inbound: InboundConfig;
  /**
   * `WEBHOOK_ALLOW_PRIVATE_NETWORKS=true`: webhooks may target private, loopback and link-local
   * addresses (server/webhooks/safe-target.ts) — for development and tests only, where the receiver is local.
   */
  webhookAllowPrivateNetworks: boolean;
}

export interface InboundConfig {
  /** Replies go to `reply+<token>@` it, new mail to `<site-slug>@` it; the listener takes no other recipients. */
  domain: string;
  /** The SMTP listener's port; unset, no listener (`npm start` sets 2525). */
  smtpPort?: number;
  /** `POST /api/v1/inbound/mail` takes `Authorization: Bearer <it>`; unset, the route answers 404. */
  secret?: string;
  /** A larger mail is refused: SMTP 552, HTTP 413. */
  maxBytes: number;
  /** PEM files; both set, the listener offers STARTTLS. */
  tls?: { certPath: string; keyPath: string };
  /** A reply address stops working this many days after the mail that carried it. */
  replyTokenDays: number;
  /** Mails taken from one sender address in an hour, of any kind; the rest are ignored. */
  mailsPerSenderPerHour: number;
  /** New requests by mail: from one sender to one site, and to one site from everyone, per hour. */
  requestsPerSenderPerHour: number;
  requestsPerSitePerHour: number;
}

export interface AttachmentLimits {
  /** One file's largest size; a bigger upload is cut off as it arrives (413). */
  maxBytes: number;
  /** Files one message (a new request, a comment, a reply) may claim. */
  perMessage: number;
  /** How long a signed download URL works. */
  urlMinutes: number;
  /** Uploads without a session each client address may make in an hour (every instance counting together). */
  anonymousPerHour: number;
  /** What one site's files may take in all. */
  siteQuotaBytes: number;
}

export interface ConnectionLimits {
  /** Headers must be complete within this; a body that sends nothing for this long is answered 408. */
  requestTimeoutMs: number;
  /** Once a body has been arriving for `requestTimeoutMs`, it must average at least this, or 408. */
  minBodyBytesPerSecond: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections one client address may hold; a trusted proxy's own address is not capped. */
  maxPerAddress: number;
  /** Open connections of the whole process (every server in it); 0 means no ceiling. */
  maxConnections: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env.PORT, 3000, 'PORT');
  const production = env.NODE_ENV === 'production';
  const demoSiteSecret = env.DEMO_SITE_SECRET ?? DEV_DEMO_SITE_SECRET;
  if (production && demoSiteSecret === DEV_DEMO_SITE_SECRET) {
    throw new Error('DEMO_SITE_SECRET is the development value from README; set a secret of your own in production.');
  }
  const databasePath = resolve(env.DATABASE_PATH ?? './data/porthole.db');
  const dataDir = resolve(env.DATA_DIR || dirname(databasePath));
  return {
    port,
    // Loopback unless told otherwise: a development server should not be reachable from the network.
    host: env.HOST || '127.0.0.1',
    demoPort: integer(env.DEMO_PORT, 8080, 'DEMO_PORT'),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    databasePath,
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: atLeast(2, integer(env.DATABASE_POOL_SIZE, 10, 'DATABASE_POOL_SIZE'), 'DATABASE_POOL_SIZE'),
    demoSiteSecret,
    trustProxy: trustProxySetting(env.TRUST_PROXY),
    production,
    sessionSecret: env.SESSION_SECRET || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Porthole Support <support@porthole.localhost>',
    dataDir,
    mailDir: env.MAIL_DIR ? resolve(env.MAIL_DIR) : join(dataDir, 'mail'),
    filesDir: env.FILES_DIR ? resolve(env.FILES_DIR) : join(dataDir, 'files'),
    attachments: {
      maxBytes: positive(env.ATTACHMENT_MAX_BYTES, 20 * 1024 * 1024, 'ATTACHMENT_MAX_BYTES'),
      perMessage: atMost(LIMITS.attachmentIdsCeiling, positive(env.ATTACHMENTS_PER_MESSAGE, 10, 'ATTACHMENTS_PER_MESSAGE'), 'ATTACHMENTS_PER_MESSAGE'),
      urlMinutes: positive(env.ATTACHMENT_URL_MINUTES, 5, 'ATTACHMENT_URL_MINUTES'),
      anonymousPerHour: integer(env.ANONYMOUS_UPLOADS_PER_HOUR, 30, 'ANONYMOUS_UPLOADS_PER_HOUR'),
      siteQuotaBytes: positive(env.SITE_FILES_QUOTA_BYTES, 10 * 1024 ** 3, 'SITE_FILES_QUOTA_BYTES'),
    },
    autoCloseAfterHours: integer(env.AUTO_CLOSE_AFTER_HOURS, 96, 'AUTO_CLOSE_AFTER_HOURS'),
    widgetDir: resolve(env.WIDGET_DIR ?? './dist/widget'),
    submitLimit: { max: integer(env.SUBMIT_LIMIT_PER_10_MIN, 20, 'SUBMIT_LIMIT_PER_10_MIN'), windowMs: 10 * 60 * 1000 },
    rateLimitKeys: integer(env.RATE_LIMIT_KEYS, 100_000, 'RATE_LIMIT_KEYS'),
    connections: {
      requestTimeoutMs: positive(env.REQUEST_TIMEOUT_S, 30, 'REQUEST_TIMEOUT_S') * 1000,
      minBodyBytesPerSecond: integer(env.MIN_BODY_BYTES_PER_S, 8 * 1024, 'MIN_BODY_BYTES_PER_S'),
      keepAliveTimeoutMs: positive(env.KEEP_ALIVE_TIMEOUT_S, 5, 'KEEP_ALIVE_TIMEOUT_S') * 1000,
      maxPerAddress: positive(env.MAX_CONNECTIONS_PER_ADDRESS, 256, 'MAX_CONNECTIONS_PER_ADDRESS'),
      maxConnections: integer(env.MAX_CONNECTIONS, defaultMaxConnections(), 'MAX_CONNECTIONS'),
    },
    streams: {
      perPerson: integer(env.STREAMS_PER_PERSON, 5, 'STREAMS_PER_PERSON'),
      perAddress: integer(env.STREAMS_PER_ADDRESS, 200, 'STREAMS_PER_ADDRESS'),
      max: integer(env.MAX_STREAMS, 10_000, 'MAX_STREAMS'),
    },
    agentSessionMaxHours: positive(env.AGENT_SESSION_MAX_HOURS, 24, 'AGENT_SESSION_MAX_HOURS'),
    agentMailsPerHour: integer(env.AGENT_MAILS_PER_HOUR, 30, 'AGENT_MAILS_PER_HOUR'),
    inbound: inboundConfig(env),
    webhookAllowPrivateNetworks: flag(env.WEBHOOK_ALLOW_PRIVATE_NETWORKS, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'),
  };
}

/** `true` or `false` (unset: false); anything else fails at start, so a typo never quietly keeps a guard off or on. */
function flag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new Error(`${name} must be true or false, not "${value}".`);
}

function inboundConfig(env: NodeJS.ProcessEnv): InboundConfig {
  const certPath = env.INBOUND_TLS_CERT || undefined;
  const keyPath = env.INBOUND_TLS_KEY || undefined;
  if (Boolean(certPath) !== Boolean(keyPath)) throw new Error('INBOUND_TLS_CERT and INBOUND_TLS_KEY go together: set both, or neither.');
  return {
    domain: (env.INBOUND_DOMAIN || 'inbound.localhost').toLowerCase(),
    smtpPort: env.INBOUND_SMTP_PORT ? integer(env.INBOUND_SMTP_PORT, 0, 'INBOUND_SMTP_PORT') : undefined,
    secret: env.INBOUND_SECRET || undefined,
    maxBytes: positive(env.INBOUND_MAX_BYTES, 30 * 1024 * 1024, 'INBOUND_MAX_BYTES'),
    tls: certPath && keyPath ? { certPath: resolve(certPath), keyPath: resolve(keyPath) } : undefined,
    replyTokenDays: positive(env.REPLY_TOKEN_DAYS, 180, 'REPLY_TOKEN_DAYS'),
    mailsPerSenderPerHour: positive(env.INBOUND_MAILS_PER_SENDER_PER_HOUR, 30, 'INBOUND_MAILS_PER_SENDER_PER_HOUR'),
    requestsPerSenderPerHour: positive(env.INBOUND_REQUESTS_PER_SENDER_PER_HOUR, 5, 'INBOUND_REQUESTS_PER_SENDER_PER_HOUR'),
    requestsPerSitePerHour: positive(env.INBOUND_REQUESTS_PER_SITE_PER_HOUR, 100, 'INBOUND_REQUESTS_PER_SITE_PER_HOUR'),
  };
}

/** `true` trusts every peer; else a list of addresses, subnets or names, checked here so a typo fails at start. */
function trustProxySetting(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  trustedProxy(value);
  return value;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const parsed = integer(value, fallback, name);
  if (parsed === 0) throw new Error(`${name} must be at least 1, got "${value}"`);
  return parsed;
}

// Housekeeping holds one connection for its lease while its work takes another.
function atLeast(least: number, value: number, name: string): number {
  if (value < least) throw new Error(`${name} must be at least ${least}, got ${value}`);
  return value;
}

// The contract's schema takes no more ids than this (contract/rules.ts), so a higher setting could never be used.
function atMost(most: number, value: number, name: string): number {
  if (value > most) throw new Error(`${name} must be at most ${most}, got ${value}`);
  return value;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return parsed;
}

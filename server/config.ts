/** Configuration comes from the environment, with defaults that work on a laptop (README lists them). */
import { resolve } from 'node:path';

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
  mailDir: string;
  /** Solved requests close by themselves after this long. */
  autoCloseAfterHours: number;
  /** Anonymous submissions allowed per site and client address in `windowMs`. */
  submitLimit: { max: number; windowMs: number };
  /** Single notification mails each agent gets from one site in a clock hour; the rest go into one digest per hour. */
  agentMailsPerHour: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env.PORT, 3000, 'PORT');
  const production = env.NODE_ENV === 'production';
  const demoSiteSecret = env.DEMO_SITE_SECRET ?? DEV_DEMO_SITE_SECRET;
  if (production && demoSiteSecret === DEV_DEMO_SITE_SECRET) {
    throw new Error('DEMO_SITE_SECRET is the development value from README; set a secret of your own in production.');
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    demoPort: integer(env.DEMO_PORT, 8080, 'DEMO_PORT'),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    databasePath: resolve(env.DATABASE_PATH ?? './data/porthole.db'),
    demoSiteSecret,
    trustProxy: env.TRUST_PROXY ? (env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY) : false,
    production,
    sessionSecret: env.SESSION_SECRET || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Porthole Support <support@porthole.localhost>',
    mailDir: resolve(env.MAIL_DIR ?? './data/mail'),
    autoCloseAfterHours: integer(env.AUTO_CLOSE_AFTER_HOURS, 96, 'AUTO_CLOSE_AFTER_HOURS'),
    widgetDir: resolve(env.WIDGET_DIR ?? './dist/widget'),
    submitLimit: { max: integer(env.SUBMIT_LIMIT_PER_10_MIN, 20, 'SUBMIT_LIMIT_PER_10_MIN'), windowMs: 10 * 60 * 1000 },
    agentMailsPerHour: integer(env.AGENT_MAILS_PER_HOUR, 30, 'AGENT_MAILS_PER_HOUR'),
  };
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return parsed;
}

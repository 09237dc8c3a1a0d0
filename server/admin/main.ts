/**
 * The admin command line: `npm run admin -- <command> [options]` (build.mjs bundles this file as
 * dist/server/admin.js). `runAdmin` does the work and returns the exit code — 0 done, 1 failed,
 * 2 wrong usage — so tests call it directly; run as a program, this file calls it with the process's
 * arguments. Expected errors print one line, never a stack trace.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../config.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/types.js';
import { systemClock, type Clock } from '../services/clock.js';
import { AdminError, UsageError, closest, commandHelp, isHelp, parseOptions } from './args.js';
import type { AdminCommand, AdminIo } from './command.js';
import { createSite } from './create-site.js';
import { rotateSecret } from './rotate-secret.js';
import { addAgent } from './add-agent.js';
import { listTokens } from './list-tokens.js';
import { revokeToken } from './revoke-token.js';
import { removeAgent } from './remove-agent.js';
import { resetPassword } from './reset-password.js';
import { importArticles } from './import-articles.js';
import { setSignup } from './set-signup.js';
import { setLocale, setTheme } from './set-site-defaults.js';
import { addOrgDomain } from './add-org-domain.js';
import { setMailFrom } from './set-mail-from.js';
import { setDkim } from './set-dkim.js';
import { blockSender, listBlocked, unblockSender } from './blocked-senders.js';
import { setInbound } from './set-inbound.js';
import { addWebhook, listWebhooks, removeWebhook } from './webhooks.js';
import { erasePerson, exportPerson } from './privacy.js';

export type { AdminIo } from './command.js';

export const INVOCATION = 'npm run admin --';

const COMMANDS: AdminCommand<any>[] = [
  createSite,
  rotateSecret,
  addAgent,
  listTokens,
  revokeToken,
  resetPassword,
  removeAgent,
  importArticles,
  setSignup,
  setLocale,
  setTheme,
  addOrgDomain,
  setMailFrom,
  setDkim,
  setInbound,
  blockSender,
  unblockSender,
  listBlocked,
  addWebhook,
  listWebhooks,
  removeWebhook,
  exportPerson,
  erasePerson,
];

export interface AdminOptions {
  /** The time commands write (expiry of a rotated secret, created/updated stamps); the system clock by default. */
  clock?: Clock;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export async function runAdmin(argv: string[], io: AdminIo, env: NodeJS.ProcessEnv = process.env, options: AdminOptions = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    globalHelp().forEach((line) => io.err(line));
    return EXIT.usage;
  }
  if (isHelp(name) || name === 'help') {
    const topic = rest[0];
    const command = topic === undefined ? undefined : COMMANDS.find((candidate) => candidate.spec.name === topic);
    if (topic !== undefined && !command) return usageError(io, unknownCommand(topic));
    (command ? commandHelp(command.spec, INVOCATION) : globalHelp()).forEach((line) => io.out(line));
    return EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.spec.name === name);
  if (!command) return usageError(io, unknownCommand(name));
  if (rest.some(isHelp)) {
    commandHelp(command.spec, INVOCATION).forEach((line) => io.out(line));
    return EXIT.ok;
  }

  let input: unknown;
  try {
    input = command.parse(parseOptions(command.spec, rest));
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, command.spec.name);
    throw error;
  }

  let store: Store;
  try {
    const config = readConfig(env);
    try {
      // The admin command writes beside a running server (see store/open.ts).
      store = await openStore(config, { purpose: 'admin' });
    } catch (error) {
      throw new AdminError(`Cannot open the database ${config.databasePath}: ${(error as Error).message}`);
    }
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return EXIT.failed;
  }

  try {
    await command.run(input, { store, io, clock: options.clock ?? systemClock, env });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, command.spec.name);
    if (error instanceof AdminError) {
      io.err(`error: ${error.message}`);
      return EXIT.failed;
    }
    // Not one we expected: keep the stack, someone will need it.
    io.err(`error: ${command.spec.name} failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
    return EXIT.failed;
  } finally {
    await store.close();
  }
}

function usageError(io: AdminIo, message: string, command?: string): number {
  io.err(`error: ${message}`);
  io.err(`Run "${INVOCATION} ${command ? `${command} --help` : '--help'}" for usage.`);
  return EXIT.usage;
}

function unknownCommand(name: string): string {
  const near = closest(
    name,
    COMMANDS.map((command) => command.spec.name),
  );
  return `Unknown command "${name}".${near ? ` Did you mean ${near}?` : ''} Commands: ${COMMANDS.map((command) => command.spec.name).join(', ')}.`;
}

function globalHelp(): string[] {
  const width = Math.max(...COMMANDS.map((command) => command.spec.name.length));
  return [
    "Porthole admin: sites, their token secrets, mail and webhooks, support agents, their API tokens, help-centre articles and people's data (export, erase).",
    '',
    `Usage: ${INVOCATION} <command> [options]`,
    `       ${INVOCATION} <command> --help`,
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.spec.name.padEnd(width)}  ${command.spec.brief}`),
    '',
    'The database is DATABASE_PATH (default ./data/porthole.db); pending migrations run first.',
    'Site changes reach running servers at once on PostgreSQL (DATABASE_URL), within 5 seconds on SQLite;',
    'no restart is needed. A revoked token, a removed agent and the sessions a password reset ends are',
    "refused from the server's next request on.",
    'Secrets, passwords and tokens are printed once, to standard output; errors go to standard error.',
    'Exit codes: 0 done, 1 failed, 2 wrong usage.',
  ];
}

function isProcessEntry(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProcessEntry()) {
  const write = (stream: NodeJS.WriteStream) => (line: string) => void stream.write(`${line}\n`);
  process.exitCode = await runAdmin(process.argv.slice(2), { out: write(process.stdout), err: write(process.stderr) });
}

/** The shape every admin command has: a spec (options, help), a pure parse step, and a run step with the store. */
import type { Store } from '../store/types.js';
import type { Clock } from '../services/clock.js';
import type { CommandSpec, ParsedOptions } from './args.js';

/** Where a command writes: `out` for results (secrets included), `err` for warnings and errors. */
export interface AdminIo {
  out(line: string): void;
  err(line: string): void;
}

export interface AdminContext {
  store: Store;
  io: AdminIo;
  clock: Clock;
  /** The environment the command runs in (INIT_CWD: where `npm run admin` was started). */
  env: NodeJS.ProcessEnv;
}

export interface AdminCommand<Input = unknown> {
  spec: CommandSpec;
  /** Checks the options without touching the database; throws UsageError (exit 2). */
  parse(options: ParsedOptions): Input;
  /** Does the work; throws AdminError (exit 1) for expected failures. */
  run(input: Input, context: AdminContext): Promise<void>;
}

export const defineCommand = <Input>(command: AdminCommand<Input>): AdminCommand<Input> => command;

/** "1 article", "2 articles": counts in the one-line summaries commands print. */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

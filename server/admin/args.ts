/**
 * Option parsing and help text for the admin commands. Deliberately small: `--name value`,
 * `--name=value`, repeatable options, `--help`/`-h`, and nothing positional. Mistakes are
 * UsageErrors (exit code 2) with a message that says what to type instead.
 */

/** The command line was wrong: exit code 2, and a pointer to `--help`. */
export class UsageError extends Error {}

/** An expected failure (unknown site, duplicate slug, unreadable folder): exit code 1, no stack trace. */
export class AdminError extends Error {}

export interface OptionSpec {
  name: string;
  /** Placeholder shown in help, e.g. `<slug>`; absent for a flag. */
  value?: string;
  required?: boolean;
  /** May be given more than once; the values are collected in order. */
  repeat?: boolean;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** One line for the command list of the global help. */
  brief: string;
  summary: string;
  options: OptionSpec[];
  /** Paragraphs printed under the option list. */
  notes?: string[];
  examples?: string[];
}

export class ParsedOptions {
  constructor(
    private readonly command: string,
    private readonly values: Map<string, string[]>,
  ) {}

  /** Whether the option was given (a flag: set). */
  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw new UsageError(`${this.command} needs --${name}.`);
    return value;
  }

  list(name: string): string[] {
    return this.values.get(name) ?? [];
  }
}

export const isHelp = (arg: string) => arg === '--help' || arg === '-h';

/** Parses a command's arguments (everything after the command name). `--help` is handled by the caller. */
export function parseOptions(spec: CommandSpec, argv: string[]): ParsedOptions {
  const known = new Map(spec.options.map((option) => [option.name, option]));
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}": ${spec.name} takes options only (--name value).`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const option = known.get(name);
    if (!option) {
      const near = closest(name, [...known.keys()]);
      throw new UsageError(`${spec.name} has no option --${name}.${near ? ` Did you mean --${near}?` : ''}`);
    }
    let value: string;
    if (option.value === undefined) {
      // A flag: present or not, never given a value.
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      value = 'true';
    } else if (eq !== -1) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value${option.value ? ` (${option.value})` : ''}.`);
      value = next;
      i++;
    }
    const previous = values.get(name);
    if (previous && !option.repeat) throw new UsageError(`--${name} may be given only once.`);
    values.set(name, [...(previous ?? []), value]);
  }
  for (const option of spec.options) {
    if (option.required && !values.has(option.name)) throw new UsageError(`${spec.name} needs --${option.name}${option.value ? ` ${option.value}` : ''}.`);
  }
  return new ParsedOptions(spec.name, values);
}

export function commandHelp(spec: CommandSpec, invocation: string): string[] {
  const synopsis = spec.options.map((option) => {
    const text = `--${option.name}${option.value ? ` ${option.value}` : ''}${option.repeat ? '...' : ''}`;
    return option.required ? text : `[${text}]`;
  });
  const labels = spec.options.map((option) => `--${option.name}${option.value ? ` ${option.value}` : ''}`);
  const width = Math.max(...labels.map((label) => label.length), 10);
  return [
    `${invocation} ${spec.name} ${synopsis.join(' ')}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...spec.options.map(
      (option, i) => `  ${labels[i]!.padEnd(width)}  ${option.help}${option.required ? ' (required)' : ''}${option.repeat ? ' (repeatable)' : ''}`,
    ),
    `  ${'--help'.padEnd(width)}  Show this help.`,
    ...(spec.notes?.length ? ['', ...spec.notes] : []),
    ...(spec.examples?.length ? ['', 'Examples:', ...spec.examples.map((example) => `  ${invocation} ${example}`)] : []),
  ];
}

/** The known name within two edits of a misspelt one, if any. */
export function closest(input: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(input, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * CPU time of processes, read from /proc (Linux), for the CPU a request costs: the API server
 * processes and every process of a PostgreSQL cluster. Read from outside, the same way for every
 * engine, so SQLite's in-process database and PostgreSQL's separate backends are counted alike.
 *
 * A cluster is its postmaster and the postmaster's children (backends, walwriter, checkpointer,
 * autovacuum…). A backend that exits between two readings is gone from /proc, but the postmaster
 * reaps it, so its time moves into the postmaster's cutime/cstime: the sum over the living
 * children plus the postmaster's own and reaped time never loses a backend's work.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second, the unit of /proc/<pid>/stat's times (`getconf CLK_TCK`, 100 on Linux nearly always). */
export const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  /** Ticks spent by the process itself (all its threads), user + system. */
  ownTicks: number;
  /** Ticks of its children that have exited and been waited for, user + system. */
  reapedTicks: number;
}

/**
 * Parses one /proc/<pid>/stat line. The command name (field 2) is in parentheses and may itself hold
 * spaces and parentheses ("postgres: walwriter ", "(sd-pam)"), so fields are counted from the last ')'.
 */
export function parseStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc stat line: ${line.slice(0, 80)}`);
  const pid = Number(line.slice(0, line.indexOf(' ')));
  // After ')': field 3 (state) is fields[0], so field n is fields[n - 3].
  const fields = line.slice(close + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  return { pid, ppid: field(4), ownTicks: field(14) + field(15), reapedTicks: field(16) + field(17) };
}

function readStat(pid: number): ProcStat | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null; // exited between listing and reading
  }
}

const ticksToMicros = (ticks: number) => (ticks * 1e6) / CLOCK_TICKS;

/** CPU µs a process has used so far (user + system, all threads). */
export function processCpuMicros(pid: number): number {
  const stat = readStat(pid);
  if (!stat) throw new Error(`process ${pid} is not running`);
  return ticksToMicros(stat.ownTicks);
}

/** CPU µs a PostgreSQL cluster has used so far: the postmaster, its reaped children and its living ones. */
export function clusterCpuMicros(postmasterPid: number): number {
  const postmaster = readStat(postmasterPid);
  if (!postmaster) throw new Error(`postmaster ${postmasterPid} is not running`);
  let ticks = postmaster.ownTicks + postmaster.reapedTicks;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === postmasterPid) ticks += stat.ownTicks;
  }
  return ticksToMicros(ticks);
}

/** The parent of a process: a backend's parent is its cluster's postmaster. */
export function parentPid(pid: number): number {
  const stat = readStat(pid);
  if (!stat) throw new Error(`process ${pid} is not running (is PostgreSQL on another machine? /proc only sees this one)`);
  return stat.ppid;
}

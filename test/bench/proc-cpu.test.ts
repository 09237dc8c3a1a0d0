// bench/proc-cpu: the /proc reader the API benchmark charges CPU per request with. Linux only, as the benchmark is.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CLOCK_TICKS, clusterCpuMicros, parentPid, parseStat, processCpuMicros } from '../../bench/proc-cpu.js';

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('bench/proc-cpu', () => {
  it('reads the fields after a command name that holds spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
    const line = '4242 (postgres: bench (x) ) S 17 4242 4242 0 -1 4194560 120 0 0 0 31 9 5 2 20 0 1 0 100 1000 50';
    expect(parseStat(line)).toEqual({ pid: 4242, ppid: 17, ownTicks: 40, reapedTicks: 7 });
  });

  // Ticks are coarse (10 ms at 100 Hz) and other work may share the cores, so CPU is compared with
  // what Node itself reports (process.cpuUsage), within a few ticks, never with wall time.
  const slack = (3 * 1e6) / CLOCK_TICKS;

  it('counts this process’s CPU, in µs, as Node counts it', () => {
    const before = { proc: processCpuMicros(process.pid), node: process.cpuUsage() };
    spin(300);
    const used = process.cpuUsage(before.node);
    expect(Math.abs(processCpuMicros(process.pid) - before.proc - (used.user + used.system))).toBeLessThan(slack);
  });

  it('keeps a child’s CPU in the family total after the child has exited', async () => {
    const before = clusterCpuMicros(process.pid) - processCpuMicros(process.pid);
    const child = spawn(process.execPath, [
      '-e',
      'const t = performance.now() + 400; while (performance.now() < t); const u = process.cpuUsage(); console.log(u.user + u.system)',
    ]);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    await once(child, 'spawn');
    expect(parentPid(child.pid!)).toBe(process.pid);
    await once(child, 'exit');
    // The child is gone from /proc; its CPU now sits in this process's cutime/cstime.
    const children = clusterCpuMicros(process.pid) - processCpuMicros(process.pid) - before;
    expect(children).toBeGreaterThan(Number(output) - slack);
  });
});

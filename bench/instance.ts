/**
 * A server process of the API benchmark: bench/api.ts run again with BENCH_API_ROLE=server, which
 * starts the real app and answers the driver over IPC (`mark`, `report`, `idle`, `close`). The
 * driver may start several, on one database, and charge CPU to each by its pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Instance<Ready> {
  pid: number;
  /** What the server said once listening (its ports). */
  ready: Ready;
  ask<T>(message: string): Promise<T>;
}

export async function startInstance<Ready>(script: string, env: Record<string, string>): Promise<Instance<Ready>> {
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, script], {
    env: { ...process.env, ...env, BENCH_API_ROLE: 'server' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`server process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message as T);
      });
    });
  const ask = <T>(message: string) => {
    const answer = next<T>();
    child.send(message);
    return answer;
  };
  return { pid: child.pid!, ready: await next<Ready>(), ask };
}

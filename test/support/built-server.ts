/**
 * The built support server (`node dist/server/main.js`, as `npm run start:server` runs it) as a child
 * process of a test: started with the environment the test gives, ready once it answers HTTP, and
 * killed however the test likes. Its output is read all along (a pipe nobody reads would stall a
 * server that logs every request) and its tail kept, so a failure can say what the server said.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const OUTPUT_TAIL = 4_000;
const READY_WITHIN_MS = 15_000;

export interface BuiltServer {
  name: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The last few thousand characters the process wrote (stdout and stderr together). */
  output(): string;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the server on `port` with `env` on top of this process's environment; rejects, with its output, if it does not answer in time. */
export async function startBuiltServer(name: string, port: number, env: NodeJS.ProcessEnv): Promise<BuiltServer> {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server: BuiltServer = {
    name,
    url: `http://127.0.0.1:${port}`,
    output: () => tail,
    exited,
    kill: (signal) => (child.exitCode !== null || child.signalCode !== null ? exited : (child.kill(signal), exited)),
  };
  await untilReady(server, child);
  return server;
}

async function untilReady(server: BuiltServer, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server ${server.name} exited with ${child.exitCode} at start:\n${server.output()}`);
    const answered = await fetch(`${server.url}/api/v1/sites/demo/config`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.kill('SIGKILL');
  throw new Error(`server ${server.name} did not answer within ${READY_WITHIN_MS} ms:\n${server.output()}`);
}

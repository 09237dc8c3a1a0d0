/**
 * A client on a bare TCP socket, for the tests of slow and greedy clients: it sends exactly the bytes
 * it is told, when it is told, and records what comes back and when the server closes the socket.
 */
import { connect, type Socket } from 'node:net';

export interface RawClient {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves once the server has closed the connection, with everything it sent. */
  closed: Promise<string>;
  /** Resolves once the text received contains `text`. */
  receives(text: string): Promise<string>;
  write(bytes: string): void;
  /** True while the server keeps the connection open. */
  isOpen(): boolean;
}

export function rawClient(port: number, host = '127.0.0.1'): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    let text = '';
    let open = true;
    const waiting: { text: string; done: (all: string) => void }[] = [];
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      for (const wait of waiting.filter((w) => text.includes(w.text))) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.done(text);
      }
    });
    socket.on('error', () => {}); // a reset is one way of being closed
    const closed = new Promise<string>((done) => socket.once('close', () => ((open = false), done(text))));
    socket.once('connect', () =>
      resolve({
        socket,
        received: () => text,
        closed,
        receives: (wanted) => (text.includes(wanted) ? Promise.resolve(text) : new Promise((done) => waiting.push({ text: wanted, done }))),
        write: (bytes) => void socket.write(bytes),
        isOpen: () => open,
      }),
    );
    socket.once('error', reject);
  });
}

/** Raw clients of one test, all closed by `destroyAll` (in afterEach), so no socket outlives its test. */
export function rawClients() {
  const open: RawClient[] = [];
  return {
    async connect(port: number): Promise<RawClient> {
      const client = await rawClient(port);
      open.push(client);
      return client;
    },
    destroyAll: () => {
      for (const client of open.splice(0)) client.socket.destroy();
    },
  };
}

/** The status, headers (lower-cased) and body (parsed when JSON) of the first response in `text`. */
export function parseResponse(text: string): { status: number; headers: string; body: unknown } {
  const end = text.indexOf('\r\n\r\n');
  const head = text.slice(0, end);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
  const raw = text.slice(end + 4, end + 4 + length);
  return { status, headers: head.toLowerCase(), body: /\r\ncontent-type: application\/json/i.test(head) ? JSON.parse(raw) : raw };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

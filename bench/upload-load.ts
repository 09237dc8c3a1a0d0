/**
 * Uploads for bench/api's attachment run: a file sent as the widget sends it (POST …/attachments,
 * the raw bytes as the body) in pieces with backpressure, as a real client on a fast line would —
 * so the server sees a body arriving over time, not one buffer — one every `everyMs` (or right after
 * the last, when that took longer) until told to stop: people attaching files, not a flood of them.
 */
import { Agent, request } from 'node:http';

export interface UploadLoopResult {
  uploads: number;
  failed: number;
  /** Milliseconds each upload took, first byte sent to answer received. */
  latencies: number[];
}

const PIECE_BYTES = 64 * 1024;

function uploadOnce(agent: Agent, url: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  return new Promise((done, fail) => {
    const outgoing = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
      response.resume();
      response.on('end', () => done(response.statusCode ?? 0));
    });
    outgoing.on('error', fail);
    let offset = 0;
    const write = () => {
      while (offset < body.length) {
        const piece = body.subarray(offset, offset + PIECE_BYTES);
        offset += piece.length;
        if (!outgoing.write(piece)) return void outgoing.once('drain', write);
      }
      outgoing.end();
    };
    write();
  });
}

/** Uploads `body` to `url`, one at a time, a new one every `everyMs`, until `stop` resolves. */
export async function uploadUntil(
  stop: Promise<unknown>,
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  everyMs: number,
): Promise<UploadLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const result: UploadLoopResult = { uploads: 0, failed: 0, latencies: [] };
  let stopped = false;
  void stop.then(() => (stopped = true));
  while (!stopped) {
    const began = performance.now();
    const status = await uploadOnce(agent, url, headers, body).catch(() => 0);
    result.latencies.push(performance.now() - began);
    if (status === 201) result.uploads++;
    else result.failed++;
    const wait = began + everyMs - performance.now();
    if (wait > 0 && !stopped) await Promise.race([stop, new Promise((done) => setTimeout(done, wait))]);
  }
  agent.destroy();
  return result;
}

/**
 * Answers written below the framework, where a client is refused or timed out before (or while) a
 * request is read: still in the one error shape, always with `Connection: close`, and the socket is
 * closed with them. Used by both the support server and the demo host.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface SocketAnswer {
  status: number;
  code: string;
  message: string;
}

export const requestTimedOut: SocketAnswer = { status: 408, code: 'request_timeout', message: 'The request arrived too slowly; send it again.' };

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', connection: 'close' };

const body = (answer: SocketAnswer) => JSON.stringify({ error: { code: answer.code, message: answer.message } });

/** On a bare socket, e.g. a connection refused before its first request: written, then closed. */
export function answerOnSocket(socket: Socket, answer: SocketAnswer): void {
  if (socket.writable) {
    const text = body(answer);
    const headers = Object.entries({ ...HEADERS, 'content-length': String(Buffer.byteLength(text)) })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n${headers}\r\n${text}`);
  }
  socket.destroy();
}

/** On a request whose answer has not begun (its body is what is late); the socket closes once it is out. */
export function answerOnResponse(response: ServerResponse, answer: SocketAnswer): void {
  const socket = response.socket;
  if (response.headersSent || !socket) {
    socket?.destroy();
    return;
  }
  response.once('finish', () => socket.destroy());
  const text = body(answer);
  response.writeHead(answer.status, { ...HEADERS, 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}

/**
 * Node's 'clientError': headers that took longer than REQUEST_TIMEOUT_S, or that do not parse.
 * Node's and Fastify's own answers to these are not in our error shape.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return void socket.destroy();
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return answerOnSocket(socket, requestTimedOut);
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return answerOnSocket(socket, { status: 431, code: 'headers_too_large', message: 'The request headers are too large.' });
  answerOnSocket(socket, { status: 400, code: 'bad_request', message: 'This is not a valid HTTP request.' });
}

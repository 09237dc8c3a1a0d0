/**
 * The SMTP door of the inbound pipeline (receive.ts), listening only when INBOUND_SMTP_PORT is set.
 * It takes recipients at INBOUND_DOMAIN only (550 for any other: it relays nothing), refuses a mail
 * over INBOUND_MAX_BYTES with 552 (announced in EHLO's SIZE, refused at MAIL FROM when declared, and
 * at the end of DATA when not), offers STARTTLS only with a certificate (INBOUND_TLS_CERT/KEY), and
 * has no AUTH: it is a mail exchanger, not a submission server. What one client may hold is the HTTP
 * server's rule (config.connections): idle sockets close after REQUEST_TIMEOUT_S, one address holds
 * MAX_CONNECTIONS_PER_ADDRESS connections, the listener MAX_CONNECTIONS.
 */
import { readFileSync } from 'node:fs';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { ConnectionLimits, InboundConfig } from '../../config.js';
import type { MailLog } from '../outbox-sender.js';
import type { InboundPipeline } from './receive.js';

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

export interface SmtpListenerOptions {
  inbound: InboundConfig;
  connections: ConnectionLimits;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  receive: InboundPipeline;
  log: MailLog;
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/** Listens, or — the port busy, say — logs why not and resolves undefined: the support server runs on without mail in. */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener | undefined> {
  const { inbound, connections, log, receive } = options;
  const perAddress = new Map<string, number>();
  const tls = inbound.tls && { cert: readFileSync(inbound.tls.certPath), key: readFileSync(inbound.tls.keyPath) };
  const settings: SMTPServerOptions = {
    name: inbound.domain,
    banner: 'Porthole inbound mail',
    logger: false,
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls && tls),
    size: inbound.maxBytes,
    rejectOversized: true,
    socketTimeout: connections.requestTimeoutMs,
    closeTimeout: connections.requestTimeoutMs,
    ...(connections.maxConnections > 0 && { maxClients: connections.maxConnections }),
    onConnect(session, callback) {
      const open = (perAddress.get(session.remoteAddress) ?? 0) + 1;
      perAddress.set(session.remoteAddress, open);
      if (open > connections.maxPerAddress) {
        log.warn({ address: session.remoteAddress }, 'inbound SMTP: too many connections from one address');
        return callback(smtpError(421, 'Too many connections from your address, try again later'));
      }
      callback();
    },
    onClose(session) {
      const open = (perAddress.get(session.remoteAddress) ?? 1) - 1;
      if (open > 0) perAddress.set(session.remoteAddress, open);
      else perAddress.delete(session.remoteAddress);
    },
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().endsWith(`@${inbound.domain}`)) return callback();
      callback(smtpError(550, `No such recipient here: only mail to @${inbound.domain} is taken`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Beyond the limit nothing is kept: the server answers 552 when the stream ends.
        if (bytes <= inbound.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded || bytes > inbound.maxBytes) {
          log.warn({ bytes, limit: inbound.maxBytes, from: session.envelope.mailFrom || null }, 'inbound SMTP: mail over INBOUND_MAX_BYTES refused (552)');
          return callback();
        }
        const { mailFrom, rcptTo } = session.envelope;
        receive(Buffer.concat(chunks), { mailFrom: mailFrom ? mailFrom.address : '', rcptTo: rcptTo.map((r) => r.address) }).then(
          () => callback(),
          (error: unknown) => {
            log.error({ error: String(error) }, 'inbound SMTP: mail not taken');
            callback(smtpError(451, 'Could not take the mail now, try again later'));
          },
        );
      });
    },
  };
  const server = new SMTPServer(settings);
  let started = false;
  const listening = await new Promise<boolean>((resolve) => {
    // smtp-server re-emits its socket's errors; unheard, they would throw. Before the start they mean "not listening".
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (started) return log.warn({ error: String(error) }, 'inbound SMTP error');
      log.warn({ port: options.port, error: error.code ?? error.message }, `inbound SMTP not listening on port ${options.port}: ${error.message}`);
      resolve(false);
    });
    server.listen(options.port, options.host, () => {
      started = true;
      resolve(true);
    });
  });
  if (!listening) return undefined;
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log.info({ port }, `inbound mail over SMTP on port ${port}, for @${inbound.domain}`);
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

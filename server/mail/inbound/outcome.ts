/** What the inbound pipeline's steps share: their dependencies, a mail as it arrived, and what came of it. */
import type { InboundConfig } from '../../config.js';
import type { Services } from '../../services/context.js';
import type { WindowCounters } from '../../store/shared-state.js';
import type { MailLog } from '../outbox-sender.js';
import type { ReplyAddresses } from '../reply-address.js';
import type { ParsedMail } from './parsed-mail.js';

export interface InboundOutcome {
  outcome: 'comment' | 'request' | 'follow_up' | 'ignored';
  reason?: string;
  /** The request the mail was added to or opened. */
  request?: number;
}

export interface InboundDeps {
  services: Services;
  addresses: ReplyAddresses;
  config: InboundConfig;
  windows: WindowCounters;
  log: MailLog;
}

/** A mail being decided on, with its sender's address (From, lower case). */
export interface Arrival {
  mail: ParsedMail;
  sender: string;
}

export const HOUR_MS = 60 * 60 * 1000;
export const ignored = (reason: string): InboundOutcome => ({ outcome: 'ignored', reason });

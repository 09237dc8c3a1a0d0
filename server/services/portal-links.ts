/**
 * Links mailed for the Help Center: "Get a password" / "Forgot password" (`set_password`, valid an
 * hour) and "Email me a sign-in link" (`sign_in`, 15 minutes).
 *
 * Asking gives the same answer whether or not the address may have a link, so the form tells no one
 * who is a customer; only the mail, which goes to the address itself, differs. It also takes the same
 * time: the answer waits for the same reads either way, and the link is stored and its mail queued
 * only after it has gone (`deliver`), so a stopwatch tells no more than the answer. A mail scanner
 * opens every link in a mail, so the token travels in the URL fragment (never sent to a server by
 * a GET) and is spent by a POST from the page, which opens a session: the link proves the address.
 */
import type { Services } from './context.js';
import type { PortalLinkPurpose, SiteRow } from '../store/rows.js';
import type { MailDraft, PortalAccount } from '../store/types.js';
import { isEmail, normalizeEmail } from '../contract/rules.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { composeMail } from './mail-text.js';
import { tablesFor } from '../../widget/i18n/all-tables.js';
import type { PortalLimits } from './portal-limits.js';

const MINUTE = 60_000;
const VALID_FOR: Record<PortalLinkPurpose, number> = { set_password: 60 * MINUTE, sign_in: 15 * MINUTE };
/** After a `set_password` link is spent, this long to choose the password. */
export const PASSWORD_GRANT_MS = 30 * MINUTE;

export interface LinkRequest {
  siteSlug: string;
  email: string;
  purpose: PortalLinkPurpose;
  clientAddress: string;
}

/** What every link request answers, sent or not. */
export const LINK_ANSWER = { message: 'If that address may use this Help Center, we have sent it a link. Check your mail.' } as const;

export interface LinkAsked {
  answer: typeof LINK_ANSWER;
  /** Stores the link and queues its mail, if the address may have one; run once the answer is sent. */
  deliver(): Promise<void>;
}

export async function requestLink(services: Services, limits: PortalLimits, request: LinkRequest): Promise<LinkAsked> {
  const site = await services.sites.find(request.siteSlug);
  if (!site) throw notFound('That Help Center');
  const email = normalizeEmail(request.email);
  if (!isEmail(email)) throw validationFailed({ email: 'invalid_email' });
  // Counted for every request, known address or not: the limits must not tell them apart either.
  await limits.linksByAddress.reserve(request.clientAddress);
  await limits.linksByEmail.reserve(`${site.id} ${email}`);
  const now = services.clock();
  const mayHave = await mayHaveAccount(services, site, email);
  const deliver = async () => {
    if (!mayHave) return;
    const token = newSecret();
    const createdAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + VALID_FOR[request.purpose]).toISOString();
    await services.store.portal.issueLink(
      { tokenHash: hashSecret(token), siteId: site.id, email, purpose: request.purpose, createdAt, expiresAt },
      linkMail(services, site, email, request.purpose, token),
    );
  };
  return { answer: LINK_ANSWER, deliver };
}

/** `open`: anyone who proves the address; `known`: only addresses the site has (members, requesters, CCs). */
async function mayHaveAccount(services: Services, site: SiteRow, email: string): Promise<boolean> {
  if ((await services.store.portal.signupPolicy(site.id)) === 'open') return true;
  return services.store.portal.isKnownEmail(site.id, email);
}

function linkMail(services: Services, site: SiteRow, email: string, purpose: PortalLinkPurpose, token: string): MailDraft {
  const url = `${services.config.publicUrl}/help/${encodeURIComponent(site.slug)}/#token=${token}`;
  // The request for a link says nothing of its asker's language: the site's own.
  const words = tablesFor(site.locale).mailMessages;
  const mail =
    purpose === 'set_password'
      ? {
          subject: words.setPasswordSubject(site.name),
          lines: [words.setPasswordBody(email, site.name), words.setPasswordIgnore],
          button: words.setPasswordButton,
        }
      : { subject: words.signInSubject(site.name), lines: [words.signInBody(email, site.name), words.signInIgnore], button: words.signInButton };
  // A link mail is not a conversation: no reply marker, nothing quoted.
  const body = composeMail({
    locale: site.locale,
    subject: mail.subject,
    site: { name: site.name, color: site.color },
    replyMarker: false,
    paragraphs: mail.lines,
    conversation: [],
    link: { label: mail.button, url },
  });
  return { kind: `portal_${purpose}`, audience: 'customer', to: { email, name: null }, ...body };
}

const REFUSALS = {
  not_found: 'This link is not valid. Ask for a new one.',
  expired: 'This link has expired. Ask for a new one.',
  used: 'This link has already been used. Ask for a new one.',
  superseded: 'A newer link was sent to this address: use the newest one, or ask again.',
} as const;

export interface SpentLink {
  /** The new session's token, for the cookie. */
  token: string;
  purpose: PortalLinkPurpose;
  account: PortalAccount;
  /** Until when a password may be set in the session; null when the link was a sign-in link. */
  passwordGrantUntil: string | null;
}

/** Spends a link from the page's POST: the address is proven and a session opens (in which a `set_password` link lets a password be set). */
export async function spendLink(services: Services, siteId: string, token: string): Promise<SpentLink> {
  const session = newSecret();
  const now = services.clock();
  const passwordGrantUntil = new Date(now.getTime() + PASSWORD_GRANT_MS).toISOString();
  const outcome = await services.store.portal.spendLink(siteId, hashSecret(token), now.toISOString(), { tokenHash: hashSecret(session), passwordGrantUntil });
  if (outcome.kind !== 'spent') throw new ApiError(410, `link_${outcome.kind}`, REFUSALS[outcome.kind]);
  const { purpose, account } = outcome;
  return { token: session, purpose, account, passwordGrantUntil: purpose === 'set_password' ? passwordGrantUntil : null };
}

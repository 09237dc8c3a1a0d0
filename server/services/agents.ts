/** The support team's work: signing in, the queue, one request, replying, notes and statuses. */
import type { Services } from './context.js';
import type { StoredStatus } from '../store/rows.js';
import type { AgentWithSite, ChangeOutcome, NextStatus, RequestView, TeamFacts } from '../store/types.js';
import { isSenderProven } from '../store/rules/visibility.js';
import { normalizeEmail, normalizeTag } from '../contract/rules.js';
import type { AgentBody, AgentReply, AgentRequest, QueueBody, QueueQuery, Satisfaction } from '../contract/types.js';
import { agentSessionLimits } from '../auth/agent-auth.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { verifyPassword } from '../auth/passwords.js';
import { ApiError, notFound } from '../errors.js';
import { afterAgentComment, afterAgentStatusChange } from './request-status.js';
import { customerStatus } from './status.js';
import { decodeCursor, pageOf } from './cursor.js';
import { changeOf } from './events.js';
import { agentReplyMails, statusChangeMails } from './notifications.js';
import { notifyContextFor } from './notify-context.js';
import { attachmentLimits, attachmentNotFound, idsToClaim } from './attachments.js';
import type { DownloadUrls } from '../files/download-urls.js';

/** Checks email and password; returns a new session token (for the cookie) and the agent. */
export async function signInAgent(services: Services, email: string, password: string): Promise<{ token: string; agent: AgentWithSite }> {
  const candidates = await services.store.agents.byEmail(normalizeEmail(email));
  // Every candidate is checked (or a dummy hash when there is none), so timing reveals nothing.
  let match: string | undefined;
  for (const agent of candidates.length ? candidates : [{ id: '', passwordHash: null }]) {
    if ((await verifyPassword(password, agent.passwordHash)) && !match) match = agent.id;
  }
  if (!match) throw new ApiError(401, 'invalid_credentials', 'That email and password do not match an agent account.');
  const token = newSecret();
  const now = services.clock();
  await services.store.agents.createSession(hashSecret(token), match, now.toISOString());
  // Read back through the session just made: the same path every later request takes.
  const session = await services.store.agents.touchSession(hashSecret(token), agentSessionLimits(services.config, now), now.toISOString());
  return { token, agent: session!.agent };
}

export const signOutAgent = (services: Services, token: string) => services.store.agents.deleteSession(hashSecret(token));

export async function describeAgent(services: Services, agent: AgentWithSite): Promise<AgentBody> {
  const [categories, team] = await Promise.all([services.store.sites.listCategories(agent.siteId), services.store.agents.listForSite(agent.siteId)]);
  return {
    agent: { id: agent.id, name: agent.name, email: agent.email, site: { slug: agent.siteSlug, name: agent.siteName } },
    team: team.filter((teammate) => teammate.removedAt === null).map(({ id, name }) => ({ id, name })),
    categories: categories.map(({ id, name }) => ({ id, name })),
    attachments: attachmentLimits(services.config.attachments),
  };
}

export async function agentQueue(services: Services, agent: AgentWithSite, query: QueueQuery): Promise<QueueBody> {
  const rows = await services.store.agentRequests.queue(agent.siteId, {
    view: query.view ?? 'main',
    statuses: query.status ? (query.status.split(',') as StoredStatus[]) : null,
    categoryId: query.categoryId ?? null,
    unanswered: query.unanswered ?? false,
    search: query.q?.trim() || null,
    assignee: query.assignee === 'me' ? { kind: 'agent', id: agent.id } : query.assignee === 'none' ? { kind: 'none' } : null,
    tag: query.tag ? normalizeTag(query.tag) : null,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit);
  const [satisfaction, facts, counts] = await Promise.all([
    satisfactionOf(services, agent.siteId),
    services.store.team.factsOf(
      agent.siteId,
      page.map((row) => row.number),
    ),
    services.store.team.viewCounts(agent.siteId, agent.id),
  ]);
  return {
    counts,
    requests: page.map((row) => ({
      ...(facts.get(row.number) ?? NO_FACTS),
      id: row.number,
      subject: row.subject,
      status: row.status,
      category: row.categoryName,
      requester: { name: row.requesterName, email: row.requesterEmail },
      senderVerified: isSenderProven(row),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    })),
    nextCursor,
    satisfaction,
  };
}

/** A request's team facts before anyone set them. */
const NO_FACTS: TeamFacts = { assignee: null, tags: [] };

/** The period the queue's satisfaction figure covers. */
export const SATISFACTION_DAYS = 30;

async function satisfactionOf(services: Services, siteId: string): Promise<Satisfaction> {
  const since = new Date(services.clock().getTime() - SATISFACTION_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const { good, bad } = await services.store.agentRequests.satisfaction(siteId, since);
  const rated = good + bad;
  return { days: SATISFACTION_DAYS, rated, good, percentGood: rated === 0 ? null : Math.round((100 * good) / rated) };
}

export async function agentReadRequest(services: Services, agent: AgentWithSite, number: number): Promise<AgentRequest> {
  const view = await services.store.agentRequests.find(agent.siteId, number);
  if (!view) throw notFound('That request');
  return presentForAgent(services, view);
}

export async function agentComment(services: Services, agent: AgentWithSite, number: number, reply: AgentReply): Promise<AgentRequest> {
  if (!reply.body.trim()) throw new ApiError(400, 'validation_failed', 'Write something first.', { body: 'is required' });
  const attachmentIds = idsToClaim(reply.attachmentIds, services.config);
  const context = await notifyContextOf(services, agent);
  const solve = watchSolve((current) => afterAgentComment(current, reply.public, reply.status));
  const outcome = await services.store.agentRequests.addComment(
    agent.siteId,
    number,
    { agentId: agent.id, body: reply.body, public: reply.public, attachmentIds },
    solve.next,
    services.clock().toISOString(),
    (view) => agentReplyMails(view, context, solve.solvedNow(view)),
  );
  if (outcome.kind === 'attachment_not_found') throw attachmentNotFound();
  return settle(services, outcome, reply.public || (outcome.kind === 'done' && reply.status !== undefined));
}

export async function agentSetStatus(services: Services, agent: AgentWithSite, number: number, status: StoredStatus): Promise<AgentRequest> {
  const context = await notifyContextOf(services, agent);
  const solve = watchSolve((current) => afterAgentStatusChange(current, status));
  const outcome = await services.store.agentRequests.setStatus(agent.siteId, number, solve.next, services.clock().toISOString(), (view) =>
    statusChangeMails(view, context, solve.solvedNow(view)),
  );
  return settle(services, outcome);
}

/** What the mail an agent's change causes needs to know about the agent's site. */
async function notifyContextOf(services: Services, agent: AgentWithSite) {
  const site = await services.sites.find(agent.siteSlug);
  if (!site) throw notFound('That site');
  return notifyContextFor(services, site);
}

/**
 * Remembers the status a change found (the store calls `next` and then the mail plan, in one
 * transaction), so the mail can tell a request solved by this change from one solved already:
 * solving again tells nobody twice.
 */
function watchSolve(next: NextStatus): { next: NextStatus; solvedNow(view: RequestView): boolean } {
  let found: StoredStatus | undefined;
  return {
    next: (current) => {
      found = current;
      return next(current);
    },
    solvedNow: (view) => found !== 'solved' && view.request.status === 'solved',
  };
}

/** `customersHear`: false for an internal note that changed nothing they can see — only the team is told. */
function settle(services: Services, outcome: ChangeOutcome, customersHear = true): Promise<AgentRequest> {
  if (outcome.kind === 'not_found') throw notFound('That request');
  if (outcome.kind === 'refused')
    throw new ApiError(409, 'request_closed', 'This request is closed and cannot be changed. The customer can submit a follow-up.');
  announce(services, outcome.view, customersHear);
  return presentForAgent(services, outcome.view);
}

/** Tells live listeners the request changed; a change only the team can see (`customersHear` false) reaches agents alone. */
export function announce(services: Services, view: RequestView, customersHear: boolean): void {
  const change = changeOf(view);
  services.events.publish(customersHear ? change : { ...change, endUserIds: [], organizationId: null });
}

/** The team's view: internal notes too, and their files — agents alone are ever given URLs for those — and who owns it, and its tags. */
export async function presentForAgent(services: Services, view: RequestView): Promise<AgentRequest> {
  const facts = (await services.store.team.factsOf(view.request.siteId, [view.request.number])).get(view.request.number) ?? NO_FACTS;
  return presentView(view, facts, services.files.urls);
}

function presentView(view: RequestView, facts: TeamFacts, urls: DownloadUrls): AgentRequest {
  const { request } = view;
  const contact = (person: RequestView['requester']) => ({ name: person.name, email: person.email, member: person.externalId !== null });
  return {
    id: request.number,
    subject: request.subject,
    status: request.status,
    customerStatus: customerStatus(request.status).status,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    category: { id: request.categoryId, name: view.categoryName },
    fields: request.fields,
    requester: contact(view.requester),
    senderVerified: isSenderProven(request),
    channel: request.channel,
    ...(view.followUpOfNumber !== null && { followUpOf: view.followUpOfNumber }),
    organization: view.organizationName ? { name: view.organizationName } : null,
    rating: view.rating,
    ccs: view.ccs.map(contact),
    assignee: facts.assignee,
    tags: facts.tags,
    comments: view.comments.map((c) => ({
      id: c.id,
      body: c.body,
      public: c.public,
      author: { name: c.authorName, role: c.byAgent ? 'agent' : 'customer' },
      createdAt: c.createdAt,
      attachments: urls.attached(c.attachments),
      ...(c.sentFrom !== null && { sentFrom: c.sentFrom }),
    })),
  };
}

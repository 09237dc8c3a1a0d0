/** The support team's work: signing in, the queue, one request, replying, notes and statuses. */
import type { Porthole } from '../app.js';
import type { AgentWithSite } from '../store/sqlite/agents.js';
import { agentsByEmail, createAgentSession, deleteAgentSession, touchAgentSession } from '../store/sqlite/agents.js';
import { addAgentComment, findSiteRequest, listQueue, setRequestStatus, type AgentChange } from '../store/sqlite/agent-requests.js';
import type { RequestView } from '../store/sqlite/request-view.js';
import { isSenderProven } from '../store/sqlite/sender-proof.js';
import type { StoredStatus } from '../store/sqlite/schema.js';
import { listCategories } from '../store/sqlite/sites.js';
import { normalizeEmail } from '../contract/rules.js';
import type { AgentBody, AgentReply, AgentRequest, QueueBody, QueueQuery } from '../contract/types.js';
import { agentSessionLimits, hashSecret, newSecret } from '../auth/agent-auth.js';
import { verifyPassword } from '../auth/passwords.js';
import { ApiError, notFound } from '../errors.js';
import { afterAgentComment, afterAgentStatusChange } from './request-status.js';
import { customerStatus } from './status.js';
import { decodeCursor, pageOf } from './cursor.js';
import { changeOf } from './events.js';
import { agentReplyMails } from './notifications.js';
import { notifyContextFor } from './notify-context.js';

/** Checks email and password; returns a new session token (for the cookie) and the agent. */
export async function signInAgent(porthole: Porthole, email: string, password: string): Promise<{ token: string; agent: AgentWithSite }> {
  const candidates = await agentsByEmail(porthole.db, normalizeEmail(email));
  // Every candidate is checked (or a dummy hash when there is none), so timing reveals nothing.
  let match: string | undefined;
  for (const agent of candidates.length ? candidates : [{ id: '', passwordHash: null }]) {
    if ((await verifyPassword(password, agent.passwordHash)) && !match) match = agent.id;
  }
  if (!match) throw new ApiError(401, 'invalid_credentials', 'That email and password do not match an agent account.');
  const token = newSecret();
  const now = porthole.clock();
  await createAgentSession(porthole.db, hashSecret(token), match, now.toISOString());
  // Read back through the session just made: the same path every later request takes.
  const session = await touchAgentSession(porthole.db, hashSecret(token), agentSessionLimits(porthole.config, now), now.toISOString());
  return { token, agent: session!.agent };
}

export const signOutAgent = (porthole: Porthole, token: string) => deleteAgentSession(porthole.db, hashSecret(token));

export async function describeAgent(porthole: Porthole, agent: AgentWithSite): Promise<AgentBody> {
  const categories = await listCategories(porthole.db, agent.siteId);
  return {
    agent: { name: agent.name, email: agent.email, site: { slug: agent.siteSlug, name: agent.siteName } },
    categories: categories.map(({ id, name }) => ({ id, name })),
  };
}

export async function agentQueue(porthole: Porthole, agent: AgentWithSite, query: QueueQuery): Promise<QueueBody> {
  const rows = await listQueue(porthole.db, agent.siteId, {
    statuses: query.status ? (query.status.split(',') as StoredStatus[]) : null,
    categoryId: query.categoryId ?? null,
    unanswered: query.unanswered ?? false,
    search: query.q?.trim() || null,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit);
  return {
    requests: page.map((row) => ({
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
  };
}

export async function agentReadRequest(porthole: Porthole, agent: AgentWithSite, number: number): Promise<AgentRequest> {
  const view = await findSiteRequest(porthole.db, agent.siteId, number);
  if (!view) throw notFound('That request');
  return presentForAgent(view);
}

export async function agentComment(porthole: Porthole, agent: AgentWithSite, number: number, reply: AgentReply): Promise<AgentRequest> {
  if (!reply.body.trim()) throw new ApiError(400, 'validation_failed', 'Write something first.', { body: 'is required' });
  const site = await porthole.sites.find(agent.siteSlug);
  if (!site) throw notFound('That site');
  const context = await notifyContextFor(porthole, site);
  const outcome = await addAgentComment(
    porthole.db,
    agent.siteId,
    number,
    { agentId: agent.id, body: reply.body, public: reply.public },
    (current) => afterAgentComment(current, reply.public, reply.status),
    porthole.clock().toISOString(),
    (view) => agentReplyMails(view, context),
  );
  return settle(porthole, outcome, reply.public || (outcome.kind === 'done' && reply.status !== undefined));
}

export async function agentSetStatus(porthole: Porthole, agent: AgentWithSite, number: number, status: StoredStatus): Promise<AgentRequest> {
  const outcome = await setRequestStatus(
    porthole.db,
    agent.siteId,
    number,
    (current) => afterAgentStatusChange(current, status),
    porthole.clock().toISOString(),
  );
  return settle(porthole, outcome);
}

/** `customersHear`: false for an internal note that changed nothing they can see — only the team is told. */
function settle(porthole: Porthole, outcome: AgentChange, customersHear = true): AgentRequest {
  if (outcome.kind === 'not_found') throw notFound('That request');
  if (outcome.kind === 'refused')
    throw new ApiError(409, 'request_closed', 'This request is closed and cannot be changed. The customer can submit a follow-up.');
  const change = changeOf(outcome.view);
  porthole.events.publish(customersHear ? change : { ...change, endUserIds: [], organizationId: null });
  return presentForAgent(outcome.view);
}

function presentForAgent(view: RequestView): AgentRequest {
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
    organization: view.organizationName ? { name: view.organizationName } : null,
    ccs: view.ccs.map(contact),
    comments: view.comments.map((c) => ({
      id: c.id,
      body: c.body,
      public: c.public,
      author: { name: c.authorName, role: c.byAgent ? 'agent' : 'customer' },
      createdAt: c.createdAt,
    })),
  };
}

/**
 * The SQLite adapter: the storage port (../types.ts) over one better-sqlite3 connection. Each
 * method is one unit of work; the writes clients wait on share group commits (group-commit.ts),
 * and the hot reads run on statements prepared once (prepared.ts).
 *
 * SQLite-private, and safe only here: statements prepared on the database handle also run inside a
 * unit's transaction (a connection is a connection), and there see the unit's own writes. The
 * PostgreSQL adapter must never do that: its pool hands each statement any connection.
 */
import { StoreBusyError, type Store } from '../types.js';
import { createMemoryBus } from '../memory/bus.js';
import { createMemoryLeases } from '../memory/leases.js';
import { memoryWindowCounters } from '../memory/window-counters.js';
import { openDatabase, type Db, type OpenOptions } from './client.js';
import * as agentRequests from './agent-requests.js';
import * as attachments from './attachments.js';
import * as agents from './agents.js';
import * as articles from './articles.js';
import * as memberRequests from './member-requests.js';
import * as inbound from './inbound.js';
import * as members from './members.js';
import * as outbox from './outbox-delivery.js';
import * as portal from './portal.js';
import * as privacy from './privacy.js';
import * as requests from './requests.js';
import * as siteAdmin from './site-admin.js';
import * as siteMail from './site-mail.js';
import * as sites from './sites.js';
import * as webhooks from './webhooks.js';
import * as webhookDelivery from './webhook-delivery.js';
import * as team from './team.js';

/** The SQLite store, and its drizzle handle for the tests' own look into the database. */
export interface SqliteStore extends Store {
  readonly db: Db;
}

/** The store's units of work (what SQLITE_BUSY can fail), without the shared state beside them. */
type UnitsOnly = Omit<Store, 'bus' | 'leases' | 'windowCounters' | 'fileBytes'>;

export function openSqliteStore(path: string, options: OpenOptions = { instanceLock: true }): SqliteStore {
  const database = openDatabase(path, options);
  const { db } = database;
  const store: UnitsOnly = {
    engine: 'sqlite',
    sites: {
      findBySlug: (slug) => sites.findSiteBySlug(db, slug),
      count: () => sites.countSites(db),
      updateOrigins: (slug, allowedOrigins, supportUrl, now) => sites.updateSiteOrigins(db, slug, allowedOrigins, supportUrl, now),
      listCategories: (siteId) => sites.listCategories(db, siteId),
      findCategory: (siteId, categoryId) => sites.findCategory(db, siteId, categoryId),
    },
    settings: { getOrCreate: (key, create) => sites.getOrCreateSetting(db, key, create) },
    articles: {
      find: (siteId, id) => articles.findArticle(db, siteId, id),
      translation: (siteId, slug, locale) => articles.findTranslation(db, siteId, slug, locale),
      forPage: (siteId, origin, path, choice, limit) => articles.articlesForPage(db, siteId, origin, path, choice, limit),
      popular: (siteId, choice, limit) => articles.popularArticles(db, siteId, choice, limit),
      search: (siteId, words, choice, limit) => articles.searchArticles(db, siteId, words, choice, limit),
    },
    members: {
      exchangeToken: (siteId, claims, now) => members.exchangeMemberToken(db, siteId, claims, now),
      find: (siteId, memberId, options) => members.findMember(db, siteId, memberId, options),
      identities: (member) => members.memberIdentities(db, member),
      proveSender: (siteId, endUserId, number, now) => members.proveSender(db, siteId, endUserId, number, now),
    },
    requests: {
      create: (record, claim, present, notify) => requests.createRequest(db, record, claim, present, notify),
      answerDecoy: (siteId, now, claim, present) => requests.answerDecoy(db, siteId, now, claim, present),
    },
    memberRequests: {
      list: (scope, options) => memberRequests.listVisibleRequests(db, scope, options),
      countWithStatus: (scope, list, status) => memberRequests.countVisibleWithStatus(db, scope, list, status),
      find: (scope, number) => memberRequests.findVisibleRequest(db, scope, number),
      addComment: (scope, number, body, now, nextStatus, notify, attachmentIds, sentFrom) =>
        memberRequests.addMemberComment(db, scope, number, body, now, nextStatus, notify, attachmentIds, sentFrom),
      solve: (scope, number, now, canSolve) => memberRequests.solveAsRequester(db, scope, number, now, canSolve),
      rate: (scope, number, rating, now, canRate) => memberRequests.rateAsRequester(db, scope, number, rating, now, canRate),
    },
    agentRequests: {
      queue: (siteId, filter) => agentRequests.listQueue(db, siteId, filter),
      find: (siteId, number) => agentRequests.findSiteRequest(db, siteId, number),
      addComment: (siteId, number, comment, nextStatus, now, notify) => agentRequests.addAgentComment(db, siteId, number, comment, nextStatus, now, notify),
      setStatus: (siteId, number, nextStatus, now, notify) => agentRequests.setRequestStatus(db, siteId, number, nextStatus, now, notify),
      satisfaction: (siteId, since) => agentRequests.satisfaction(db, siteId, since),
    },
    team: {
      assign: (siteId, number, agentId, now) => team.assign(db, siteId, number, agentId, now),
      setTags: (siteId, number, tags) => team.setTags(db, siteId, number, tags),
      factsOf: (siteId, numbers) => team.factsOf(db, siteId, numbers),
      viewCounts: (siteId, agentId) => team.viewCounts(db, siteId, agentId),
      tagsInUse: (siteId) => team.tagsInUse(db, siteId),
    },
    agents: {
      findBySiteAndEmail: (siteId, email) => agents.findAgentBySiteAndEmail(db, siteId, email),
      byEmail: (email) => agents.agentsByEmail(db, email),
      listForSite: (siteId) => agents.listSiteAgents(db, siteId),
      createSession: (tokenHash, agentId, now) => agents.createAgentSession(db, tokenHash, agentId, now),
      touchSession: (tokenHash, limits, now, recordUse) => agents.touchAgentSession(db, tokenHash, limits, now, recordUse),
      deleteSession: (tokenHash) => agents.deleteAgentSession(db, tokenHash),
      byApiToken: (tokenHash, now, recordUse) => agents.findAgentByApiToken(db, tokenHash, now, recordUse),
    },
    outbox: {
      claimDue: (now, limit, leaseMs) => outbox.claimDue(db, now, limit, leaseMs),
      markSent: (id, now) => outbox.markSent(db, id, now),
      scheduleRetry: (id, attempts, nextAttemptAt, error) => outbox.scheduleRetry(db, id, attempts, nextAttemptAt, error),
      markFailed: (id, attempts, error) => outbox.markFailed(db, id, attempts, error),
      release: (ids) => outbox.releaseClaims(db, ids),
      pendingCount: () => outbox.pendingCount(db),
    },
    webhooks: {
      add: (webhook) => webhooks.addWebhook(db, webhook),
      list: (siteId) => webhooks.listWebhooks(db, siteId),
      recentDeliveries: (webhookId, limit) => webhooks.recentDeliveries(db, webhookId, limit),
      remove: (siteId, id, now) => webhooks.removeWebhook(db, siteId, id, now),
      claimDue: (now, limit, leaseMs) => webhookDelivery.claimDue(db, now, limit, leaseMs),
      markSent: (id, attempts, statusCode, now) => webhookDelivery.markSent(db, id, attempts, statusCode, now),
      scheduleRetry: (id, attempts, nextAttemptAt, result) => webhookDelivery.scheduleRetry(db, id, attempts, nextAttemptAt, result),
      markDead: (id, attempts, result) => webhookDelivery.markDead(db, id, attempts, result),
      release: (ids) => webhookDelivery.release(db, ids),
    },
    siteMail: {
      identity: (siteId) => siteMail.identity(db, siteId),
      setFromAddress: (siteId, address) => siteMail.setFromAddress(db, siteId, address),
      setDkim: (siteId, key) => siteMail.setDkim(db, siteId, key),
    },
    portal: {
      signupPolicy: (siteId) => portal.signupPolicy(db, siteId),
      isKnownEmail: (siteId, email) => portal.isKnownEmail(db, siteId, email),
      organizationOfDomain: (siteId, domain) => portal.organizationOfDomain(db, siteId, domain),
      personOf: (siteId, email, now) => portal.personOf(db, siteId, email, now),
      issueLink: (link, mail) => portal.issueLink(db, link, mail),
      spendLink: (siteId, tokenHash, now, session) => portal.spendLink(db, siteId, tokenHash, now, session),
      findAccount: (siteId, email) => portal.findAccount(db, siteId, email),
      createSession: (tokenHash, accountId, generation, now) => portal.createSession(db, tokenHash, accountId, generation, now),
      touchSession: (tokenHash, limits, now) => portal.touchSession(db, tokenHash, limits, now),
      endSession: (tokenHash) => portal.endSession(db, tokenHash),
      endAllSessions: (accountId) => portal.endAllSessions(db, accountId),
      setPassword: (accountId, passwordHash, keep, now) => portal.setPassword(db, accountId, passwordHash, keep, now),
    },
    inbound: {
      replyKey: (siteId, requestId, endUserId, now) => inbound.replyKey(db, siteId, requestId, endUserId, now),
      findReplyTarget: (key) => inbound.findReplyTarget(db, key),
      settings: (siteId) => inbound.settings(db, siteId),
      saveSettings: (settings) => inbound.saveSettings(db, settings),
      siteOfAddress: (address) => inbound.siteOfAddress(db, address),
      isBlocked: (siteId, patterns) => inbound.isBlocked(db, siteId, patterns),
      block: (siteId, pattern, now) => inbound.block(db, siteId, pattern, now),
      unblock: (siteId, pattern) => inbound.unblock(db, siteId, pattern),
      listBlocked: (siteId) => inbound.listBlocked(db, siteId),
      countUnverifiedMail: (siteId) => inbound.countUnverifiedMail(db, siteId),
      emptyUnverifiedMail: (siteId) => inbound.emptyUnverifiedMail(db, siteId),
    },
    admin: {
      createSiteWithCategories: (site, categories) => siteAdmin.createSiteWithCategories(db, site, categories),
      rotateSecret: (slug, newSecret, previousValidUntil, now) => siteAdmin.rotateSiteSecret(db, slug, newSecret, previousValidUntil, now),
      createAgent: (agent, token) => siteAdmin.createAgent(db, agent, token),
      reinstateAgent: (agentId, name, passwordHash, token) => agents.reinstateAgent(db, agentId, name, passwordHash, token),
      insertApiToken: (token) => agents.insertApiToken(db, token),
      listApiTokens: (siteId, agentId) => agents.listApiTokens(db, siteId, agentId),
      revokeApiToken: (id, now) => agents.revokeApiToken(db, id, now),
      removeAgent: (agentId, now) => agents.markAgentRemoved(db, agentId, now),
      resetPassword: (agentId, passwordHash) => agents.resetAgentPassword(db, agentId, passwordHash),
      upsertArticle: (article, rules, now) => siteAdmin.upsertArticle(db, article, rules, now),
      importHistory: (siteId, history) => siteAdmin.importHistory(db, siteId, history),
      setSignupPolicy: (siteId, policy) => portal.setSignupPolicy(db, siteId, policy),
      setSiteDefaults: (siteId, defaults, now) => siteAdmin.setSiteDefaults(db, siteId, defaults, now),
      addOrganizationDomain: (siteId, domain, externalId) => portal.addOrganizationDomain(db, siteId, domain, externalId),
    },
    housekeeping: {
      closeSolvedBefore: (solvedBefore) => agentRequests.closeSolvedBefore(db, solvedBefore),
      forgetIdempotencyKeysBefore: (cutoff) => requests.forgetIdempotencyKeysBefore(db, cutoff),
      forgetExpiredTokenIds: (now) => members.forgetExpiredTokenIds(db, now),
      // One process: its windows are in memory and drop themselves.
      forgetClosedWindows: async () => {},
      forgetUnclaimedAttachments: (createdBefore) => attachments.forgetUnclaimedBefore(db, createdBefore),
    },
    attachments: {
      add: (row, quotaBytes) => attachments.addAttachment(db, row, quotaBytes),
      siteBytes: (siteId) => attachments.siteBytes(db, siteId),
      findClaimed: (id) => attachments.findClaimed(db, id),
    },
    privacy: {
      exportPerson: (siteId, email) => privacy.exportPerson(db, siteId, email),
      erasePerson: (siteId, email, now) => privacy.erasePerson(db, siteId, email, now),
    },
    // Every unit settles before its method's promise does, so nothing is under way once callers have awaited theirs.
    close: async () => database.close(),
  };
  // One process owns the file, so what instances would share stays in this process's memory.
  // Files live in the files directory beside the database file (server/files/directory-storage.ts).
  return { ...busyAsStoreBusy(store), bus: createMemoryBus(), leases: createMemoryLeases(), windowCounters: memoryWindowCounters, fileBytes: null, db };
}

/** SQLITE_BUSY (another writer held the lock past busy_timeout; nothing was written) becomes the port's StoreBusyError. */
function busyAsStoreBusy(store: UnitsOnly): UnitsOnly {
  const wrapPart = <Part extends object>(part: Part): Part =>
    Object.fromEntries(
      Object.entries(part).map(([name, method]) => [
        name,
        async (...args: unknown[]) => {
          try {
            return await (method as (...a: unknown[]) => unknown)(...args);
          } catch (error) {
            throw String((error as { code?: unknown } | null)?.code).startsWith('SQLITE_BUSY') ? new StoreBusyError(error) : error;
          }
        },
      ]),
    ) as Part;
  const { engine, close, ...parts } = store;
  return {
    engine,
    close,
    ...(Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, wrapPart(part)])) as Omit<UnitsOnly, 'engine' | 'close'>),
  };
}

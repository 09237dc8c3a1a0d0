/**
 * The storage port (types.ts) on PostgreSQL, for several Porthole instances sharing one database.
 * Each method is one unit of work: one transaction on one pooled connection (client.ts), in the
 * repository files beside this one. Reads that take several statements run read-only on one
 * snapshot; changes run READ COMMITTED and lock what they read before they decide.
 */
import type { Store } from '../types.js';
import type { Bus, BusLog } from '../shared-state.js';
import { createPgBus } from './bus.js';
import { createPgLeases } from './leases.js';
import { pgWindowCounters, sweepRateWindows } from './window-counters.js';
import { alone, defaultPoolOptions, migrate, openPool, transaction, type PgDb, type PgPoolOptions, type PgSession, type PgTx } from './client.js';
import * as admin from './admin.js';
import * as attachments from './attachments.js';
import { pgFileStorage, removeOrphanChunksBefore } from './file-chunks.js';
import { orUnclaimable } from '../rules/attachment-claims.js';
import * as agentRequests from './agent-requests.js';
import * as agents from './agents.js';
import * as articles from './articles.js';
import { forgetKeysBefore } from './idempotency.js';
import * as inbound from './inbound.js';
import * as memberRequests from './member-requests.js';
import * as members from './members.js';
import * as outbox from './outbox.js';
import * as portal from './portal.js';
import * as privacy from './privacy.js';
import * as requests from './requests.js';
import * as siteMail from './site-mail.js';
import * as sites from './sites.js';
import * as webhooks from './webhooks.js';
import * as webhookDelivery from './webhook-delivery.js';
import * as team from './team.js';

export interface PgStoreOptions extends PgPoolOptions {
  /** Where the bus says it lost or could not send something. */
  log: BusLog;
  /** The database is known to be at this code's schema (a test harness migrated it): skip the migration check at open. */
  alreadyMigrated: boolean;
}

const consoleLog: BusLog = { warn: (details, message) => console.warn(message, details) };

/** The store, and its drizzle handle for tests that look into the database themselves. */
export interface PgStore extends Store {
  readonly db: PgDb;
}

export async function openPgStore(url: string, options: Partial<PgStoreOptions> = {}): Promise<PgStore> {
  const { pool, db } = openPool(url, { ...defaultPoolOptions, ...options });
  let bus: Bus;
  try {
    if (!options.alreadyMigrated) await migrate(pool);
    bus = await createPgBus(pool, { log: options.log ?? consoleLog });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const unit = <T>(work: (tx: PgTx) => Promise<T>) => transaction(pool, work);
  const read = <T>(work: (tx: PgTx) => Promise<T>) => transaction(pool, work, { readOnly: true });
  // A unit of one statement (or of reads and a touch that need no common snapshot): no BEGIN and COMMIT around it.
  const one = <T>(work: (session: PgSession) => Promise<T>) => alone(pool, work);

  return {
    engine: 'postgres',
    sites: {
      findBySlug: (slug) => one((tx) => sites.findBySlug(tx, slug)),
      count: () => one((tx) => sites.countSites(tx)),
      updateOrigins: (slug, origins, supportUrl, now) => one((tx) => sites.updateOrigins(tx, slug, origins, supportUrl, now)),
      listCategories: (siteId) => one((tx) => sites.listCategories(tx, siteId)),
      findCategory: (siteId, categoryId) => one((tx) => sites.findCategory(tx, siteId, categoryId)),
    },
    settings: {
      getOrCreate: (key, create) => unit((tx) => sites.getOrCreateSetting(tx, key, create)),
    },
    articles: {
      find: (siteId, id) => one((tx) => articles.find(tx, siteId, id)),
      translation: (siteId, slug, locale) => one((tx) => articles.translation(tx, siteId, slug, locale)),
      forPage: (siteId, origin, path, choice, limit) => one((tx) => articles.forPage(tx, siteId, origin, path, choice, limit)),
      popular: (siteId, choice, limit) => one((tx) => articles.popular(tx, siteId, choice, limit)),
      search: (siteId, words, choice, limit) => one((tx) => articles.search(tx, siteId, words, choice, limit)),
    },
    members: {
      exchangeToken: (siteId, claims, now) => unit((tx) => members.exchangeToken(tx, siteId, claims, now)),
      find: (siteId, memberId, options) => one((tx) => members.find(tx, siteId, memberId, options)),
      identities: (member) => one((tx) => members.identities(tx, member)),
      proveSender: (siteId, endUserId, number, now) => unit((tx) => members.proveSender(tx, siteId, endUserId, number, now)),
    },
    requests: {
      create: (record, claim, present, notify) => orUnclaimable(unit((tx) => requests.createRequest(tx, record, claim, present, notify))),
      answerDecoy: (siteId, now, claim, present) => unit((tx) => requests.answerDecoy(tx, siteId, now, claim, present)),
    },
    memberRequests: {
      list: (scope, options) => one((tx) => memberRequests.list(tx, scope, options)),
      countWithStatus: (scope, list, status) => one((tx) => memberRequests.countWithStatus(tx, scope, list, status)),
      find: (scope, number) => read((tx) => memberRequests.find(tx, scope, number)),
      addComment: (scope, number, body, now, nextStatus, notify, attachmentIds, sentFrom) =>
        orUnclaimable(unit((tx) => memberRequests.addComment(tx, scope, number, body, now, nextStatus, notify, attachmentIds, sentFrom))),
      solve: (scope, number, now, canSolve) => unit((tx) => memberRequests.solve(tx, scope, number, now, canSolve)),
      rate: (scope, number, rating, now, canRate) => unit((tx) => memberRequests.rate(tx, scope, number, rating, now, canRate)),
    },
    agentRequests: {
      queue: (siteId, filter) => one((tx) => agentRequests.queue(tx, siteId, filter)),
      find: (siteId, number) => read((tx) => agentRequests.find(tx, siteId, number)),
      addComment: (siteId, number, comment, nextStatus, now, notify) =>
        orUnclaimable(unit((tx) => agentRequests.addComment(tx, siteId, number, comment, nextStatus, now, notify))),
      setStatus: (siteId, number, nextStatus, now, notify) => unit((tx) => agentRequests.setStatus(tx, siteId, number, nextStatus, now, notify)),
      satisfaction: (siteId, since) => one((tx) => agentRequests.satisfaction(tx, siteId, since)),
    },
    team: {
      assign: (siteId, number, agentId, now) => unit((tx) => team.assign(tx, siteId, number, agentId, now)),
      setTags: (siteId, number, tags) => unit((tx) => team.setTags(tx, siteId, number, tags)),
      factsOf: (siteId, numbers) => read((tx) => team.factsOf(tx, siteId, numbers)),
      viewCounts: (siteId, agentId) => one((tx) => team.viewCounts(tx, siteId, agentId)),
      tagsInUse: (siteId) => one((tx) => team.tagsInUse(tx, siteId)),
    },
    agents: {
      findBySiteAndEmail: (siteId, email) => one((tx) => agents.findBySiteAndEmail(tx, siteId, email)),
      byEmail: (email) => one((tx) => agents.byEmail(tx, email)),
      listForSite: (siteId) => one((tx) => agents.listForSite(tx, siteId)),
      createSession: (tokenHash, agentId, now) => one((tx) => agents.createSession(tx, tokenHash, agentId, now)),
      touchSession: (tokenHash, limits, now, recordUse) => one((tx) => agents.touchSession(tx, tokenHash, limits, now, recordUse)),
      deleteSession: (tokenHash) => one((tx) => agents.deleteSession(tx, tokenHash)),
      byApiToken: (tokenHash, now, recordUse) => one((tx) => agents.byApiToken(tx, tokenHash, now, recordUse)),
    },
    outbox: {
      claimDue: (now, limit, leaseMs) => unit((tx) => outbox.claimDue(tx, now, limit, leaseMs)),
      markSent: (id, now) => one((tx) => outbox.markSent(tx, id, now)),
      scheduleRetry: (id, attempts, nextAttemptAt, error) => one((tx) => outbox.scheduleRetry(tx, id, attempts, nextAttemptAt, error)),
      markFailed: (id, attempts, error) => one((tx) => outbox.markFailed(tx, id, attempts, error)),
      release: (ids) => one((tx) => outbox.release(tx, ids)),
      pendingCount: () => one((tx) => outbox.pendingCount(tx)),
    },
    webhooks: {
      add: (webhook) => one((tx) => webhooks.addWebhook(tx, webhook)),
      list: (siteId) => one((tx) => webhooks.listWebhooks(tx, siteId)),
      recentDeliveries: (webhookId, limit) => one((tx) => webhooks.recentDeliveries(tx, webhookId, limit)),
      remove: (siteId, id, now) => unit((tx) => webhooks.removeWebhook(tx, siteId, id, now)),
      claimDue: (now, limit, leaseMs) => unit((tx) => webhookDelivery.claimDue(tx, now, limit, leaseMs)),
      markSent: (id, attempts, statusCode, now) => one((tx) => webhookDelivery.markSent(tx, id, attempts, statusCode, now)),
      scheduleRetry: (id, attempts, nextAttemptAt, result) => one((tx) => webhookDelivery.scheduleRetry(tx, id, attempts, nextAttemptAt, result)),
      markDead: (id, attempts, result) => one((tx) => webhookDelivery.markDead(tx, id, attempts, result)),
      release: (ids) => one((tx) => webhookDelivery.release(tx, ids)),
    },
    siteMail: {
      identity: (siteId) => one((tx) => siteMail.identity(tx, siteId)),
      setFromAddress: (siteId, address) => one((tx) => siteMail.setFromAddress(tx, siteId, address)),
      setDkim: (siteId, key) => one((tx) => siteMail.setDkim(tx, siteId, key)),
    },
    portal: {
      signupPolicy: (siteId) => one((tx) => portal.signupPolicy(tx, siteId)),
      isKnownEmail: (siteId, email) => one((tx) => portal.isKnownEmail(tx, siteId, email)),
      organizationOfDomain: (siteId, domain) => one((tx) => portal.organizationOfDomain(tx, siteId, domain)),
      personOf: (siteId, email, now) => unit((tx) => portal.personOf(tx, siteId, email, now)),
      issueLink: (link, mail) => unit((tx) => portal.issueLink(tx, link, mail)),
      spendLink: (siteId, tokenHash, now, session) => unit((tx) => portal.spendLink(tx, siteId, tokenHash, now, session)),
      findAccount: (siteId, email) => one((tx) => portal.findAccount(tx, siteId, email)),
      createSession: (tokenHash, accountId, generation, now) => one((tx) => portal.createSession(tx, tokenHash, accountId, generation, now)),
      // A read and a touch that need no common snapshot (as an agent's session).
      touchSession: (tokenHash, limits, now) => one((tx) => portal.touchSession(tx, tokenHash, limits, now)),
      endSession: (tokenHash) => one((tx) => portal.endSession(tx, tokenHash)),
      endAllSessions: (accountId) => one((tx) => portal.endAllSessions(tx, accountId)),
      setPassword: (accountId, passwordHash, keep, now) => unit((tx) => portal.setPassword(tx, accountId, passwordHash, keep, now)),
    },
    inbound: {
      replyKey: (siteId, requestId, endUserId, now) => unit((tx) => inbound.replyKey(tx, siteId, requestId, endUserId, now)),
      findReplyTarget: (key) => one((tx) => inbound.findReplyTarget(tx, key)),
      settings: (siteId) => one((tx) => inbound.settings(tx, siteId)),
      saveSettings: (settings) => unit((tx) => inbound.saveSettings(tx, settings)),
      siteOfAddress: (address) => one((tx) => inbound.siteOfAddress(tx, address)),
      isBlocked: (siteId, patterns) => one((tx) => inbound.isBlocked(tx, siteId, patterns)),
      block: (siteId, pattern, now) => one((tx) => inbound.block(tx, siteId, pattern, now)),
      unblock: (siteId, pattern) => one((tx) => inbound.unblock(tx, siteId, pattern)),
      listBlocked: (siteId) => one((tx) => inbound.listBlocked(tx, siteId)),
      countUnverifiedMail: (siteId) => one((tx) => inbound.countUnverifiedMail(tx, siteId)),
      emptyUnverifiedMail: (siteId) => unit((tx) => inbound.emptyUnverifiedMail(tx, siteId)),
    },
    admin: {
      createSiteWithCategories: (site, categories) => unit((tx) => admin.createSiteWithCategories(tx, site, categories)),
      rotateSecret: (slug, newSecret, previousValidUntil, now) => unit((tx) => admin.rotateSecret(tx, slug, newSecret, previousValidUntil, now)),
      createAgent: (agent, token) => unit((tx) => admin.createAgent(tx, agent, token)),
      reinstateAgent: (agentId, name, passwordHash, token) => unit((tx) => admin.reinstateAgent(tx, agentId, name, passwordHash, token)),
      insertApiToken: (token) => unit((tx) => admin.insertApiToken(tx, token)),
      listApiTokens: (siteId, agentId) => unit((tx) => admin.listApiTokens(tx, siteId, agentId)),
      revokeApiToken: (id, now) => unit((tx) => admin.revokeApiToken(tx, id, now)),
      removeAgent: (agentId, now) => unit((tx) => admin.removeAgent(tx, agentId, now)),
      resetPassword: (agentId, passwordHash) => unit((tx) => admin.resetPassword(tx, agentId, passwordHash)),
      upsertArticle: (article, rules, now) => unit((tx) => admin.upsertArticle(tx, article, rules, now)),
      importHistory: (siteId, history) => unit((tx) => admin.importHistory(tx, siteId, history)),
      setSignupPolicy: (siteId, policy) => one((tx) => portal.setSignupPolicy(tx, siteId, policy)),
      setSiteDefaults: (siteId, defaults, now) => one((tx) => admin.setSiteDefaults(tx, siteId, defaults, now)),
      addOrganizationDomain: (siteId, domain, externalId) => unit((tx) => portal.addOrganizationDomain(tx, siteId, domain, externalId)),
    },
    housekeeping: {
      closeSolvedBefore: (solvedBefore) => one((tx) => agentRequests.closeSolvedBefore(tx, solvedBefore)),
      forgetIdempotencyKeysBefore: (cutoff) => one((tx) => forgetKeysBefore(tx, cutoff)),
      forgetExpiredTokenIds: (now) => one((tx) => members.forgetExpiredTokenIds(tx, now)),
      forgetClosedWindows: async (now) => void (await sweepRateWindows(pool, new Date(now))),
      forgetUnclaimedAttachments: async (createdBefore) => {
        await removeOrphanChunksBefore(pool, createdBefore);
        return one((tx) => attachments.forgetUnclaimedBefore(tx, createdBefore));
      },
    },
    attachments: {
      add: (row, quotaBytes) => unit((tx) => attachments.add(tx, row, quotaBytes)),
      siteBytes: (siteId) => one((tx) => attachments.siteBytes(tx, siteId)),
      findClaimed: (id) => one((tx) => attachments.findClaimed(tx, id)),
    },
    privacy: {
      exportPerson: (siteId, email) => read((tx) => privacy.exportPerson(tx, siteId, email)),
      erasePerson: (siteId, email, now) => privacy.erasePerson(pool, siteId, email, now),
    },
    // Chunk times are the database server's business only (orphan sweeps), so the wall clock is fine.
    fileBytes: pgFileStorage(pool, () => new Date().toISOString()),
    bus,
    leases: createPgLeases(pool),
    // One table for every instance; no capacity: closed windows are swept by housekeeping.
    windowCounters: (clock) => pgWindowCounters(pool, clock),
    db,
    async close() {
      await bus.close();
      // Pool.end waits for the connections units hold to come back, then closes every connection.
      await pool.end();
    },
  };
}

/**
 * Who a session's member is and what they may see, for every member request. Looked up in two
 * queries; kept for a few seconds per member, as the site directory keeps sites: a member's widget
 * asks several times in a row (list, badge, request), and each look-up cost more than the list
 * itself (bench/api). A new session forgets what was kept (see member-session.ts `issue`), so a
 * sign-in that changed the member's organization applies at once, on every instance (the forget
 * goes over the bus; a `resync` forgets everything); anything else within 5 s.
 */
import type { SiteRow } from '../store/rows.js';
import type { MemberRecord, MemberScope, Store } from '../store/types.js';
import type { Bus } from '../store/shared-state.js';
import type { Clock } from './clock.js';
import { tierFeatures } from './sites.js';
import { keptBriefly } from './kept-briefly.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface KnownMember {
  record: MemberRecord;
  scope: MemberScope;
}

export interface MemberDirectory {
  /** `onlyRequest`: a session from an email link, which sees that one request through the record it was sent to. */
  find(site: SiteRow, memberId: string, onlyRequest: number | null): Promise<KnownMember | undefined>;
  forget(siteId: string, memberId: string): void;
}

/** `bus`: where forgetting reaches every instance's directory (the store's own, unless a test stands in two instances). */
export function createMemberDirectory(store: Store, clock: Clock, bus: Bus = store.bus): MemberDirectory {
  const keyOf = (siteId: string, memberId: string) => `${siteId}\n${memberId}`;
  const members = keptBriefly<KnownMember | undefined>({
    ttlMs: TTL_MS,
    maxEntries: MAX_ENTRIES,
    clock,
    bus,
    changedKey: (signal) => (signal.kind === 'member-changed' ? keyOf(signal.siteId, signal.memberId) : null),
  });
  return {
    async find(site, memberId, onlyRequest) {
      // Link sessions are rare and scoped differently: not kept.
      if (onlyRequest !== null) return lookUp(store, site, memberId, onlyRequest);
      return members.get(keyOf(site.id, memberId), () => lookUp(store, site, memberId, null));
    },
    // Here at once (the session being issued reads next), elsewhere when the bus delivers.
    forget(siteId, memberId) {
      members.forget(keyOf(siteId, memberId));
      void bus.publish({ kind: 'member-changed', siteId, memberId });
    },
  };
}

async function lookUp(store: Store, site: SiteRow, memberId: string, onlyRequest: number | null): Promise<KnownMember | undefined> {
  const record = await store.members.find(site.id, memberId, { contactsToo: onlyRequest !== null });
  if (!record) return undefined;
  const scope: MemberScope = {
    siteId: record.siteId,
    memberId: record.id,
    identityIds: onlyRequest === null ? await store.members.identities(record) : [record.id],
    organizationId: onlyRequest === null && tierFeatures(site.tier).organizationRequests ? record.organizationId : null,
    onlyRequest,
  };
  return { record, scope };
}

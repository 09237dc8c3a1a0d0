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

/** How a session reached its member. */
export interface MemberAccess {
  /** A session from an email link, which sees this one request through the record it was sent to. */
  onlyRequest: number | null;
  /** A Help Center session, whose person may be known only by an address they proved (a contact record). */
  viaPortal: boolean;
}

export interface MemberDirectory {
  find(site: SiteRow, memberId: string, access: MemberAccess): Promise<KnownMember | undefined>;
  forget(siteId: string, memberId: string): void;
}

/** `bus`: where forgetting reaches every instance's directory (the store's own, unless a test stands in two instances). */
export function createMemberDirectory(store: Store, clock: Clock, bus: Bus = store.bus): MemberDirectory {
  const keyOf = (siteId: string, memberId: string) => `${siteId}\n${memberId}`;
  const keep = () =>
    keptBriefly<KnownMember | undefined>({
      ttlMs: TTL_MS,
      maxEntries: MAX_ENTRIES,
      clock,
      bus,
      changedKey: (signal) => (signal.kind === 'member-changed' ? keyOf(signal.siteId, signal.memberId) : null),
    });
  // Apart: a Help Center session may find a contact record, which a host's session must not.
  const kept = { widget: keep(), portal: keep() };
  return {
    async find(site, memberId, access) {
      // Link sessions are rare and scoped differently: not kept.
      if (access.onlyRequest !== null) return lookUp(store, site, memberId, access);
      return kept[access.viaPortal ? 'portal' : 'widget'].get(keyOf(site.id, memberId), () => lookUp(store, site, memberId, access));
    },
    // Here at once (the session being issued reads next), elsewhere when the bus delivers.
    forget(siteId, memberId) {
      kept.widget.forget(keyOf(siteId, memberId));
      kept.portal.forget(keyOf(siteId, memberId));
      void bus.publish({ kind: 'member-changed', siteId, memberId });
    },
  };
}

async function lookUp(store: Store, site: SiteRow, memberId: string, { onlyRequest, viaPortal }: MemberAccess): Promise<KnownMember | undefined> {
  const found = await store.members.find(site.id, memberId, { contactsToo: onlyRequest !== null || viaPortal });
  if (!found) return undefined;
  const record = onlyRequest === null ? await withDeclaredOrganization(store, found) : found;
  const scope: MemberScope = {
    siteId: record.siteId,
    memberId: record.id,
    identityIds: onlyRequest === null ? await store.members.identities(record) : [record.id],
    organizationId: onlyRequest === null && tierFeatures(site.tier).organizationRequests ? record.organizationId : null,
    onlyRequest,
  };
  return { record, scope };
}

/**
 * A person's organization: the host's word for a member, else the one the site declared for their
 * verified address's domain (`npm run admin -- add-org-domain`) — the same in the widget and in the
 * Help Center, since both find the person here. An unverified address belongs to no one's domain.
 */
async function withDeclaredOrganization(store: Store, record: MemberRecord): Promise<MemberRecord> {
  if (record.organizationId !== null || !record.emailVerified) return record;
  const declared = await store.portal.organizationOfDomain(record.siteId, record.email.slice(record.email.lastIndexOf('@') + 1));
  return declared ? { ...record, organizationId: declared.id, organizationName: declared.name } : record;
}

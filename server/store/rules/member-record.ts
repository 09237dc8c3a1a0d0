/**
 * A member as the port returns one (MemberRecord), read the same way by both adapters: the
 * end-user with their organization's name, on the site. Values may be placeholders, so SQLite
 * prepares the read once per shape (sqlite/members.ts).
 */
import { and, eq, isNotNull, type Column, type Placeholder, type SQL, type Table } from 'drizzle-orm';

export interface MemberTables {
  endUsers: Table & { id: Column; siteId: Column; externalId: Column; email: Column; emailVerified: Column; name: Column; organizationId: Column };
  organizations: Table & { id: Column; name: Column };
}

/** The columns of a MemberRecord, typed by the adapter's own (a type: drizzle's select wants one it can index). */
export type MemberColumns<T extends MemberTables> = Pick<T['endUsers'], 'id' | 'siteId' | 'email' | 'emailVerified' | 'name' | 'organizationId'> & {
  organizationName: T['organizations']['name'];
};

/**
 * The member `memberId` of the site: only someone the host vouched for (an external id), unless
 * `contactsToo` also finds people known only by email (sessions from email links).
 */
export const memberRead = <T extends MemberTables>(
  t: T,
  siteId: string | Placeholder,
  memberId: string | Placeholder,
  contactsToo: boolean,
): { columns: MemberColumns<T>; organization: SQL; where: SQL } => ({
  columns: {
    id: t.endUsers.id,
    siteId: t.endUsers.siteId,
    email: t.endUsers.email,
    emailVerified: t.endUsers.emailVerified,
    name: t.endUsers.name,
    organizationId: t.endUsers.organizationId,
    organizationName: t.organizations.name,
  },
  organization: eq(t.organizations.id, t.endUsers.organizationId),
  where: and(eq(t.endUsers.siteId, siteId), eq(t.endUsers.id, memberId), contactsToo ? undefined : isNotNull(t.endUsers.externalId))!,
});

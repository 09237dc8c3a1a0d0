/**
 * Who may claim an upload, written once for both adapters: only its uploader, only while it is
 * unclaimed, only on its own site — and an upload made in an email-link session only on that
 * session's one request. A message's files are claimed in the same unit as the message: when any
 * named upload is not claimable the unit throws AttachmentsNotClaimable, which undoes all of it,
 * and the port answers `attachment_not_found` (nothing half-stored).
 */
import { and, eq, inArray, isNull, or, type Column, type SQL, type Table } from 'drizzle-orm';
import type { AttachmentNotFound, MemberScope, Uploader } from '../types.js';

export interface AttachmentTable extends Table {
  id: Column;
  siteId: Column;
  uploaderEndUserId: Column;
  uploaderAgentId: Column;
  onlyRequest: Column;
  claimedAt: Column;
}

export class AttachmentsNotClaimable extends Error {
  constructor() {
    super('an upload named by a message cannot be claimed by it');
    this.name = 'AttachmentsNotClaimable';
  }
}

/** The claim's uploads that `uploader` may claim on request `number` of the site. */
export function claimable(t: AttachmentTable, siteId: string, uploader: Uploader, number: number, ids: string[]): SQL {
  const by =
    uploader.kind === 'agent'
      ? eq(t.uploaderAgentId, uploader.id)
      : uploader.kind === 'end_user'
        ? eq(t.uploaderEndUserId, uploader.id)
        : and(isNull(t.uploaderEndUserId), isNull(t.uploaderAgentId));
  return and(inArray(t.id, ids), eq(t.siteId, siteId), isNull(t.claimedAt), by, or(isNull(t.onlyRequest), eq(t.onlyRequest, number)))!;
}

/** Throws (undoing the unit) unless every named upload was claimed. */
export function requireAllClaimed(ids: string[], claimed: unknown[]): void {
  if (claimed.length !== ids.length) throw new AttachmentsNotClaimable();
}

/** A unit's outcome, or `attachment_not_found` when it was undone for an unclaimable upload. */
export async function orUnclaimable<T>(unit: Promise<T>): Promise<T | AttachmentNotFound> {
  try {
    return await unit;
  } catch (error) {
    if (error instanceof AttachmentsNotClaimable) return { kind: 'attachment_not_found' };
    throw error;
  }
}

/** A member uploads as their own record; a session from an email link, for its one request only. */
export const memberUploader = (scope: MemberScope): Uploader => ({ kind: 'end_user', id: scope.memberId, onlyRequest: scope.onlyRequest });

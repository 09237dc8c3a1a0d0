// Uploads' records through the port, on each engine: the site's quota, claims in the units that add
// comments (only the uploader, once, same site, a link session's own request), and housekeeping.
import { beforeAll, expect, it } from 'vitest';
import { newId } from '../../../server/store/ids.js';
import type { AttachmentRow } from '../../../server/store/rows.js';
import type { Store, Uploader } from '../../../server/store/types.js';
import { addSite, asMember, later, memberScope, newRequest, noMail, NOW, present, useTestStore, type OpenTestStore, type TestSite } from './fixtures.js';

export function attachmentsContract(open: OpenTestStore): void {
  const t = useTestStore(open);
  let store: Store;
  let s: TestSite;
  beforeAll(async () => {
    store = t.store;
    s = await addSite(store);
  });

  const upload = async (uploader: Uploader, size = 100, site = s, createdAt = NOW): Promise<AttachmentRow> => {
    const row: AttachmentRow = {
      id: newId('att'),
      siteId: site.site.id,
      uploaderEndUserId: uploader.kind === 'end_user' ? uploader.id : null,
      uploaderAgentId: uploader.kind === 'agent' ? uploader.id : null,
      onlyRequest: uploader.kind === 'end_user' ? uploader.onlyRequest : null,
      requestId: null,
      commentId: null,
      name: 'photo.png',
      contentType: 'image/png',
      size,
      storageKey: newId('key'),
      createdAt,
      claimedAt: null,
    };
    expect(await store.attachments.add(row, 10_000_000)).toBe('added');
    return row;
  };

  it("keeps the site's quota: an upload that would pass it is not recorded", async () => {
    const site = await addSite(store);
    const before = await store.attachments.siteBytes(site.site.id);
    expect(before).toBe(0);
    await upload({ kind: 'anonymous' }, 600, site);
    const over = { ...(await upload({ kind: 'anonymous' }, 300, site)), id: newId('att'), storageKey: newId('key') };
    expect(await store.attachments.add(over, 1000)).toBe('over_quota');
    expect(await store.attachments.siteBytes(site.site.id)).toBe(900);
  });

  it('a new request claims its requester’s uploads, listed on its first comment; a claimed file is found for download', async () => {
    const scope = await memberScope(store, s, 'files-member');
    const mine = await upload({ kind: 'end_user', id: scope.memberId, onlyRequest: null });
    expect(await store.attachments.findClaimed(mine.id)).toBeUndefined();
    const created = await store.requests.create(
      newRequest(s, { requester: asMember(scope), files: { ids: [mine.id], uploader: { kind: 'end_user', id: scope.memberId, onlyRequest: null } } }),
      null,
      present,
      noMail,
    );
    if (created.kind !== 'created') throw new Error(created.kind);
    expect(created.view.comments[0]!.attachments).toEqual([{ id: mine.id, name: 'photo.png', size: 100, contentType: 'image/png' }]);
    expect(await store.attachments.findClaimed(mine.id)).toMatchObject({ requestId: created.view.request.id, claimedAt: NOW });
    // Once only.
    const again = await store.requests.create(
      newRequest(s, { requester: asMember(scope), files: { ids: [mine.id], uploader: { kind: 'end_user', id: scope.memberId, onlyRequest: null } } }),
      null,
      present,
      noMail,
    );
    expect(again).toEqual({ kind: 'attachment_not_found' });
  });

  it("a comment claims nobody else's upload, nor another site's, and then stores nothing", async () => {
    const scope = await memberScope(store, s, 'files-claimer');
    const other = await memberScope(store, s, 'files-other');
    const created = await store.requests.create(newRequest(s, { requester: asMember(scope) }), null, present, noMail);
    if (created.kind !== 'created') throw new Error(created.kind);
    const number = created.view.request.number;
    const theirs = await upload({ kind: 'end_user', id: other.memberId, onlyRequest: null });
    const elsewhere = await upload({ kind: 'end_user', id: scope.memberId, onlyRequest: null }, 100, await addSite(store));
    for (const ids of [[theirs.id], [elsewhere.id], ['att_missing']]) {
      expect(await store.memberRequests.addComment(scope, number, 'x', later(1), () => 'open', noMail, ids)).toEqual({ kind: 'attachment_not_found' });
    }
    expect((await store.memberRequests.find(scope, number))!.comments).toHaveLength(1);
    const own = await upload({ kind: 'end_user', id: scope.memberId, onlyRequest: number + 1 });
    // Bound to another request (an email-link session's upload): not claimable here.
    expect(await store.memberRequests.addComment(scope, number, 'x', later(1), () => 'open', noMail, [own.id])).toEqual({ kind: 'attachment_not_found' });
  });

  it("an agent's note claims the agent's upload; the members' view leaves the note and its file out", async () => {
    const scope = await memberScope(store, s, 'files-noted');
    const created = await store.requests.create(newRequest(s, { requester: asMember(scope) }), null, present, noMail);
    if (created.kind !== 'created') throw new Error(created.kind);
    const agentId = newId('agt');
    await store.admin.createAgent({
      id: agentId,
      siteId: s.site.id,
      email: `${agentId}@example.com`,
      name: 'Riley',
      passwordHash: null,
      createdAt: NOW,
      removedAt: null,
    });
    const file = await upload({ kind: 'agent', id: agentId });
    const noted = await store.agentRequests.addComment(
      s.site.id,
      created.view.request.number,
      { agentId, body: 'internal', public: false, attachmentIds: [file.id] },
      (status) => status,
      later(1),
      noMail,
    );
    if (noted.kind !== 'done') throw new Error(noted.kind);
    expect(noted.view.comments.at(-1)!.attachments.map((a) => a.id)).toEqual([file.id]);
    const seen = (await store.memberRequests.find(scope, created.view.request.number))!;
    expect(seen.comments.flatMap((c) => c.attachments)).toEqual([]);
  });

  it('housekeeping forgets uploads unclaimed since before the cutoff, and says where their bytes are', async () => {
    const site = await addSite(store);
    const old = await upload({ kind: 'anonymous' }, 10, site, later(-25 * 3_600_000));
    const fresh = await upload({ kind: 'anonymous' }, 10, site);
    const forgotten = await store.housekeeping.forgetUnclaimedAttachments(later(-24 * 3_600_000));
    expect(forgotten).toContainEqual({ siteId: site.site.id, storageKey: old.storageKey });
    expect(forgotten).not.toContainEqual({ siteId: site.site.id, storageKey: fresh.storageKey });
    expect(await store.attachments.siteBytes(site.site.id)).toBe(10);
  });
}

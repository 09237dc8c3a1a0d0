// What the open request's polite live region says after a live update (widget/panel/member/live-news.ts).
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../server/contract/types.js';
import { liveNews } from '../../widget/panel/member/live-news.js';

type Comment = RequestDetail['comments'][number];
const comment = (id: string, name: string, you = false): Comment =>
  ({ id, body: 'text', createdAt: '2026-12-03T10:00:00.000Z', attachments: [], author: { name, role: you ? 'customer' : 'agent', you } }) as unknown as Comment;
const request = (status: RequestDetail['status'], comments: Comment[]) => ({ id: 1042, status, comments }) as unknown as RequestDetail;

describe('the news of a live update', () => {
  const before = request('open', [comment('c1', 'Sam Whitfield', true)]);

  it('names who replied, and the new status', () => {
    const after = request('awaiting_reply', [...before.comments, comment('c2', 'Riley Chen')]);
    expect(liveNews(before, after)).toBe('New reply from Riley Chen. Status changed to Awaiting your reply.');
  });

  it('says nothing of the member’s own reply, nor of an update that changed nothing shown', () => {
    expect(liveNews(before, request('open', [...before.comments, comment('c2', 'Sam Whitfield', true)]))).toBe('');
    expect(liveNews(before, before)).toBe('');
  });
});

/**
 * A member's requests inside the panel: the three lists (with status filter and "Load more"),
 * the open request, adding to it, solving it and rating it. Built once per panel, on first use.
 */
import { effect, signal } from '@preact/signals';
import type { RatingScore, RequestDetail, RequestScope, RequestSummary } from '../../../server/contract/types.js';
import { asApiError, type ApiError } from '../../kit/api-error.js';
import { failed, loading, ready, type Loadable } from '../api.js';
import type { MemberHost } from '../state.js';
import { memberApi } from './member-api.js';
import { attachedIds, type Upload } from '../models/uploads.js';
import { keptDrafts } from '../drafts.js';
import { liveNews } from './live-news.js';

const PAGE_SIZE = 10;

/** Tells the host page that a request changed, and how it stands now (`request:updated`). */
export const tellHost = (model: MemberHost, { id, status, statusLabel }: RequestDetail) => model.emit('request:updated', { id, status, statusLabel });

export function createRequestsModel(model: MemberHost) {
  const { session } = model;
  const api = memberApi(model.api);
  const list = signal<RequestScope>('mine');
  const status = signal('');
  const rows = signal<Loadable<RequestSummary[]>>(loading);
  const nextCursor = signal<string | null>(null);
  const loadingMore = signal(false);
  const detail = signal<Loadable<RequestDetail>>(loading);
  const reply = signal('');
  /** The files attached to the reply (filled by the files chunk's control). */
  const files = signal<Upload[]>([]);
  const busy = signal<'reply' | 'solve' | null>(null);
  const problem = signal<ApiError | undefined>(undefined);
  /** "Mark as solved" was pressed with a reply still unsent: the reply form asks whether to send it first. */
  const confirmSolve = signal(false);
  /**
   * The rating being given on the open request: the score chosen (stored only once sent — a solve
   * mail's link may choose one, `fromLink`, which the member confirms), its comment, the sending.
   */
  const rating = {
    chosen: signal<RatingScore | undefined>(undefined),
    fromLink: signal(false),
    comment: signal(''),
    sending: signal(false),
    problem: signal<ApiError | undefined>(undefined),
  };
  /** A rating form starts from what was given; a link's score that is already the one given needs no confirming. */
  const startRating = (request: RequestDetail, asked: RatingScore | undefined) => {
    const given = request.rating;
    rating.chosen.value = asked !== given?.score ? asked : undefined;
    rating.fromLink.value = rating.chosen.value !== undefined;
    rating.comment.value = given?.comment ?? '';
    rating.sending.value = false;
    rating.problem.value = undefined;
  };
  /** What live updates changed on the open request, for its polite live region (live-news.ts). */
  const news = signal('');
  let listRun = 0;
  let wanted = 0;
  // The reply being written is kept for the tab (../drafts.ts) under its request, as it is typed.
  const drafts = keptDrafts(model.api.site);
  const replyKey = (id: number) => `request.${id}`;
  effect(() => {
    const text = reply.value;
    if (wanted) drafts.write(replyKey(wanted), text.trim() ? text : undefined);
  });

  const fetchPage = (cursor?: string) =>
    session.call((token) => api.listRequests(token, { scope: list.value, status: status.value || undefined, cursor, limit: PAGE_SIZE }));

  /** `quietly`: a live refresh, which keeps the rows on screen until the new ones arrive. */
  const loadList = (quietly = false) => {
    const run = ++listRun;
    if (!quietly || rows.value.state !== 'ready') rows.value = loading;
    fetchPage().then(
      (page) => {
        if (run !== listRun) return;
        rows.value = ready(page.requests);
        nextCursor.value = page.nextCursor;
      },
      (error) => run === listRun && (rows.value = failed(error)),
    );
  };

  /** Adding to or solving request `id`: its answer updates the view only if the member is still on that request. */
  const act = async (kind: 'reply' | 'solve', id: number, run: () => Promise<RequestDetail>) => {
    if (busy.value) return;
    busy.value = kind;
    problem.value = undefined;
    try {
      const request = await run();
      tellHost(model, request);
      if (wanted !== id) return;
      detail.value = ready(request);
      if (kind === 'reply') {
        reply.value = '';
        files.value = [];
      }
    } catch (error) {
      if (wanted === id) problem.value = asApiError(error);
    } finally {
      busy.value = null;
    }
  };

  // Tabs, filter, rows and drafts belong to one member: another member (or nobody) starts afresh,
  // and answers still on their way for the previous one are dropped.
  // The kept drafts go too, on logout and when the session ends: the next person at this computer must not find them.
  let who: string | null | undefined;
  effect(() => {
    const now = session.member.value?.email ?? null;
    if (session.state.value === 'ended') drafts.forgetAll();
    if (who !== undefined && now !== who) {
      drafts.forgetAll();
      listRun++;
      wanted = 0;
      list.value = 'mine';
      status.value = '';
      rows.value = loading;
      nextCursor.value = null;
      detail.value = loading;
      reply.value = '';
      files.value = [];
      problem.value = undefined;
      confirmSolve.value = false;
      rating.chosen.value = undefined;
    }
    who = now;
  });

  return {
    list,
    status,
    rows,
    nextCursor,
    loadingMore,
    detail,
    reply,
    files,
    busy,
    problem,
    news,
    loadList,
    show(next: RequestScope, nextStatus = status.value) {
      list.value = next;
      status.value = nextStatus;
      loadList();
    },
    async loadMore() {
      const cursor = nextCursor.value;
      const current = rows.value;
      if (!cursor || loadingMore.value || current.state !== 'ready') return;
      const run = listRun;
      loadingMore.value = true;
      try {
        const page = await fetchPage(cursor);
        if (run !== listRun) return;
        rows.value = ready([...current.value, ...page.requests]);
        nextCursor.value = page.nextCursor;
      } catch (error) {
        problem.value = error as ApiError;
      } finally {
        loadingMore.value = false;
      }
    },
    /** The request opened last (0: none yet), whose row takes focus back on the list. */
    opened: () => wanted,
    /** `asked`: the score a solve mail's link chose, for the member to confirm. */
    open(id: number, asked?: RatingScore) {
      wanted = id;
      detail.value = loading;
      problem.value = undefined;
      news.value = '';
      confirmSolve.value = false;
      const kept = drafts.read(replyKey(id));
      reply.value = typeof kept === 'string' ? kept : '';
      files.value = [];
      session
        .call((token) => api.getRequest(token, id))
        .then(
          ({ request }) => {
            if (wanted !== id) return;
            startRating(request, asked);
            detail.value = ready(request);
          },
          (error) => wanted === id && (detail.value = failed(error)),
        );
    },
    /** The open request read again and shown, for fresh file URLs (../files/renew-urls.ts). */
    reread: () =>
      session
        .call((token) => api.getRequest(token, wanted))
        .then(({ request }) => {
          if (wanted === request.id) detail.value = ready(request);
          return request;
        }),
    /** A newer state of the open request, e.g. after a live event; ignored if the member moved on. */
    showUpdated(request: RequestDetail) {
      if (wanted !== request.id) return;
      const shown = detail.value;
      if (shown.state === 'ready' && shown.value.id === request.id) news.value = liveNews(shown.value, request);
      detail.value = ready(request);
    },
    sendReply: (id: number) => {
      // What the member wrote now, even if a renewed session retries the call after they moved on.
      const text = reply.value;
      const attachmentIds = attachedIds(files.value);
      return act('reply', id, () => session.call((token) => api.addComment(token, id, text, attachmentIds)).then((body) => body.request));
    },
    solve: (id: number) => act('solve', id, () => session.call((token) => api.solveRequest(token, id)).then((body) => body.request)),
    confirmSolve,
    rating,
    /** Sends the chosen score (and comment) for request `id`; the answer shows it given. */
    async rate(id: number) {
      const score = rating.chosen.peek();
      if (!score || rating.sending.peek()) return;
      rating.sending.value = true;
      rating.problem.value = undefined;
      const comment = rating.comment.peek().trim();
      try {
        const { request } = await session.call((token) => api.rateRequest(token, id, comment ? { score, comment } : { score }));
        if (wanted !== id) return;
        rating.chosen.value = undefined;
        rating.fromLink.value = false;
        detail.value = ready(request);
      } catch (error) {
        if (wanted === id) rating.problem.value = asApiError(error);
      } finally {
        rating.sending.value = false;
      }
    },
  };
}

export type RequestsModel = ReturnType<typeof createRequestsModel>;

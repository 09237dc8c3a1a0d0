/**
 * A member's requests inside the panel: the three lists (with status filter and "Load more"),
 * the open request, adding to it and solving it. Built once per panel, on first use.
 */
import { signal } from '@preact/signals';
import type { RequestDetail, RequestScope, RequestSummary } from '../../../server/contract/types.js';
import { ApiError } from '../api.js';
import { failed, loading, ready, type Loadable } from '../models/loadable.js';
import type { WidgetModel } from '../state.js';

const PAGE_SIZE = 10;

export function createRequestsModel(model: WidgetModel) {
  const { api, session } = model;
  const list = signal<RequestScope>('mine');
  const status = signal('');
  const rows = signal<Loadable<RequestSummary[]>>(loading);
  const nextCursor = signal<string | null>(null);
  const loadingMore = signal(false);
  const detail = signal<Loadable<RequestDetail>>(loading);
  const reply = signal('');
  const busy = signal<'reply' | 'solve' | null>(null);
  const problem = signal<ApiError | undefined>(undefined);
  let listRun = 0;
  let wanted = 0;

  const fetchPage = (cursor?: string) =>
    session.call((token) => api.listRequests(token, { scope: list.value, status: status.value || undefined, cursor, limit: PAGE_SIZE }));

  const loadList = () => {
    const run = ++listRun;
    rows.value = loading;
    fetchPage().then(
      (page) => {
        if (run !== listRun) return;
        rows.value = ready(page.requests);
        nextCursor.value = page.nextCursor;
      },
      (error) => run === listRun && (rows.value = failed(error)),
    );
  };

  const changed = (request: RequestDetail) => {
    detail.value = ready(request);
    model.emit('request:updated', { id: request.id, status: request.status, statusLabel: request.statusLabel });
  };

  const act = async (kind: 'reply' | 'solve', run: () => Promise<RequestDetail>) => {
    if (busy.value) return;
    busy.value = kind;
    problem.value = undefined;
    try {
      changed(await run());
      if (kind === 'reply') reply.value = '';
    } catch (error) {
      problem.value = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
    } finally {
      busy.value = null;
    }
  };

  return {
    list,
    status,
    rows,
    nextCursor,
    loadingMore,
    detail,
    reply,
    busy,
    problem,
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
    open(id: number) {
      wanted = id;
      detail.value = loading;
      problem.value = undefined;
      reply.value = '';
      session.call((token) => api.getRequest(token, id)).then(
        ({ request }) => wanted === id && (detail.value = ready(request)),
        (error) => wanted === id && (detail.value = failed(error)),
      );
    },
    sendReply: (id: number) => act('reply', () => session.call((token) => api.addComment(token, id, reply.value)).then((body) => body.request)),
    solve: (id: number) => act('solve', () => session.call((token) => api.solveRequest(token, id)).then((body) => body.request)),
  };
}

export type RequestsModel = ReturnType<typeof createRequestsModel>;

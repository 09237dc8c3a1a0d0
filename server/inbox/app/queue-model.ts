/**
 * The queue (left column): its filters, the rows they match, newest activity first, and "Load more".
 * Changing a filter reloads; a refresh (after a reply, or a live event) reloads what is shown
 * without blanking it.
 */
import { batch, computed, signal } from '@preact/signals';
import type { QueueItem, Satisfaction, StoredStatus, ViewCounts } from '../../contract/types.js';
import type { InboxApi, QueueParams } from './api.js';
import type { ApiError } from '../../../widget/kit/api-error.js';
import { asApiError } from '../../../widget/kit/api-error.js';
import { failed, loading, ready, type Loadable } from '../../../widget/kit/loadable.js';

export const ALL_STATUSES: readonly StoredStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
/** Everything still needing work: not solved, not closed. */
export const DEFAULT_STATUSES: readonly StoredStatus[] = ['new', 'open', 'pending', 'hold'];
const PAGE_SIZE = 25;
const MAX_PAGE = 50;
const SEARCH_PAUSE_MS = 250;

/** Calls go through `guard`, which notices an ended session for the whole inbox. */
export type Guard = <T>(call: Promise<T>) => Promise<T>;

export type QueueView = NonNullable<QueueParams['view']>;
/** Whose requests: the signed-in agent's (`me`), nobody's (`none`), or anyone's (''). */
export type AssigneeFilter = NonNullable<QueueParams['assignee']> | '';
/** The views over open work the queue offers, each with its count. */
export const TEAM_VIEWS: readonly { assignee: AssigneeFilter; count: keyof ViewCounts }[] = [
  { assignee: 'me', count: 'mine' },
  { assignee: 'none', count: 'unassigned' },
  { assignee: '', count: 'open' },
];

export function createQueueModel(api: InboxApi, guard: Guard) {
  /** The main queue, or the "Unverified mail" view (mail from senders nobody has proven, kept out of the main one). */
  const view = signal<QueueView>('main');
  /** How many requests the unverified view holds, read with every load; null until known. */
  const unverifiedCount = signal<number | null>(null);
  const emptying = signal(false);
  const emptyProblem = signal<ApiError | undefined>(undefined);
  const statuses = signal<readonly StoredStatus[]>(DEFAULT_STATUSES);
  const categoryId = signal('');
  const unanswered = signal(false);
  const assignee = signal<AssigneeFilter>('');
  const tag = signal('');
  /** The site's tags in use, for the tag filter, read with every load. */
  const tagsInUse = signal<string[]>([]);
  /** Mine, Unassigned, All open: counted with every page; null until the first. */
  const counts = signal<ViewCounts | null>(null);
  /** The search box as typed; `search` follows it after a short pause. */
  const searchText = signal('');
  const search = signal('');
  const rows = signal<Loadable<QueueItem[]>>(loading);
  const nextCursor = signal<string | null>(null);
  const loadingMore = signal(false);
  const moreProblem = signal<ApiError | undefined>(undefined);
  /** How customers rated solved requests lately, as every queue page tells it; null until the first one. */
  const satisfaction = signal<Satisfaction | null>(null);
  let run = 0;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  /** What the server is asked for; no status ticked means any status. */
  const query = computed<QueueParams>(() => ({
    status: ALL_STATUSES.filter((status) => statuses.value.includes(status)).join(',') || undefined,
    categoryId: categoryId.value || undefined,
    unanswered: unanswered.value || undefined,
    q: search.value.trim() || undefined,
    view: view.value === 'main' ? undefined : view.value,
    assignee: assignee.value || undefined,
    tag: tag.value || undefined,
  }));

  /** The view shown, when the filters are one: its assignee filter over the open statuses. */
  const teamView = computed<AssigneeFilter | null>(() =>
    view.value === 'main' && statuses.value.length === DEFAULT_STATUSES.length && DEFAULT_STATUSES.every((s) => statuses.value.includes(s))
      ? assignee.value
      : null,
  );

  /** What the queue shows beside its rows, read with every load: the unverified count, the tags in use. */
  function readBesideRows(): void {
    guard(api.unverifiedMail()).then(
      (body) => (unverifiedCount.value = body.count),
      () => {},
    );
    guard(api.tagsInUse()).then(
      (body) => (tagsInUse.value = body.tags.map((entry) => entry.tag)),
      () => {},
    );
  }

  /** Loads the first page again. `quietly` keeps the rows on screen (and as many of them) until the answer comes. */
  function load(quietly = false): void {
    const current = ++run;
    const shown = rows.peek();
    const limit = quietly && shown.state === 'ready' ? Math.min(MAX_PAGE, Math.max(PAGE_SIZE, shown.value.length)) : PAGE_SIZE;
    if (!quietly || shown.state !== 'ready') rows.value = loading;
    moreProblem.value = undefined;
    readBesideRows();
    guard(api.queue({ ...query.peek(), limit })).then(
      (page) => {
        if (current !== run) return;
        batch(() => {
          rows.value = ready(page.requests);
          nextCursor.value = page.nextCursor;
          satisfaction.value = page.satisfaction;
          counts.value = page.counts;
        });
      },
      (error) => {
        // A quiet refresh that fails leaves the rows as they were.
        if (current === run && rows.peek().state !== 'ready') rows.value = failed(error);
      },
    );
  }

  async function loadMore(): Promise<void> {
    const cursor = nextCursor.peek();
    const shown = rows.peek();
    if (!cursor || loadingMore.peek() || shown.state !== 'ready') return;
    const current = run;
    loadingMore.value = true;
    moreProblem.value = undefined;
    try {
      const page = await guard(api.queue({ ...query.peek(), cursor, limit: PAGE_SIZE }));
      if (current !== run) return;
      // A row may have moved up since the first page (new activity): show each request once.
      const seen = new Set(shown.value.map((row) => row.id));
      batch(() => {
        rows.value = ready([...shown.value, ...page.requests.filter((row) => !seen.has(row.id))]);
        nextCursor.value = page.nextCursor;
      });
    } catch (error) {
      if (current === run) moreProblem.value = asApiError(error);
    } finally {
      loadingMore.value = false;
    }
  }

  /** Deletes every request of the unverified view (the caller has asked the agent), then reloads. */
  async function emptyUnverified(): Promise<void> {
    if (emptying.peek()) return;
    emptying.value = true;
    emptyProblem.value = undefined;
    try {
      await guard(api.emptyUnverifiedMail());
      load();
    } catch (error) {
      emptyProblem.value = asApiError(error);
    } finally {
      emptying.value = false;
    }
  }

  return {
    view,
    unverifiedCount,
    emptying,
    emptyProblem,
    emptyUnverified,
    statuses,
    categoryId,
    unanswered,
    searchText,
    search,
    query,
    rows,
    nextCursor,
    loadingMore,
    moreProblem,
    satisfaction,
    assignee,
    tag,
    tagsInUse,
    counts,
    teamView,
    /** Shows a view: its assignee filter over the open statuses, in the main queue. */
    showTeamView(chosen: AssigneeFilter) {
      batch(() => {
        view.value = 'main';
        statuses.value = DEFAULT_STATUSES;
        assignee.value = chosen;
      });
    },
    load,
    loadMore,
    toggleStatus(status: StoredStatus, on: boolean) {
      statuses.value = on ? [...statuses.value.filter((s) => s !== status), status] : statuses.value.filter((s) => s !== status);
    },
    /** Typing searches after a pause; `now` (Enter) searches at once. */
    setSearch(text: string, now = false) {
      searchText.value = text;
      clearTimeout(searchTimer);
      if (now) search.value = text;
      else searchTimer = setTimeout(() => (search.value = text), SEARCH_PAUSE_MS);
    },
    /** Back to the defaults, for the next person who signs in. */
    reset() {
      run++;
      clearTimeout(searchTimer);
      batch(() => {
        view.value = 'main';
        unverifiedCount.value = null;
        emptyProblem.value = undefined;
        statuses.value = DEFAULT_STATUSES;
        categoryId.value = '';
        unanswered.value = false;
        assignee.value = '';
        tag.value = '';
        tagsInUse.value = [];
        counts.value = null;
        searchText.value = '';
        search.value = '';
        rows.value = loading;
        nextCursor.value = null;
        moreProblem.value = undefined;
        satisfaction.value = null;
      });
    },
  };
}

export type QueueModel = ReturnType<typeof createQueueModel>;

/**
 * The left column: filters (status, category, unanswered, search) and the matching requests,
 * newest activity first. Rows are links, so they work with the keyboard, middle-click and
 * "open in new tab"; a plain click opens the request in place.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { QueueItem } from '../../../contract/types.js';
import { dateTime, STATUS_LABELS, timeAgo } from '../format.js';
import { ALL_STATUSES, TEAM_VIEWS } from '../queue-model.js';
import { inboxWords as words } from '../words.js';
import { requestPath } from '../routing.js';
import type { InboxModel } from '../state.js';
import { Problem } from './Problem.js';
import { SatisfactionFigure } from './SatisfactionFigure.js';
import { StatusBadge } from './StatusBadge.js';
import { UnverifiedSender } from './UnverifiedSender.js';

export function Queue({ model }: { model: InboxModel }) {
  const { queue } = model;
  const categories = model.session.value.state === 'signed-in' ? model.session.value.me.categories : [];
  return (
    <aside class="queue" aria-labelledby="queue-title">
      <div class="queue-filters">
        <h2 id="queue-title" class="visually-hidden">
          Queue
        </h2>
        <TeamViews model={model} />
        <QueueViews model={model} />
        <form
          role="search"
          class="search"
          onSubmit={(event) => {
            event.preventDefault();
            queue.setSearch(queue.searchText.value, true);
          }}
        >
          <label for="queue-search" class="visually-hidden">
            Search requests
          </label>
          <input
            id="queue-search"
            type="search"
            placeholder={words.searchPlaceholder}
            value={queue.searchText.value}
            onInput={(event) => queue.setSearch(event.currentTarget.value)}
          />
        </form>
        <fieldset class="status-filter">
          <legend>Status</legend>
          {ALL_STATUSES.map((status) => (
            <label key={status} class="chip">
              <input
                type="checkbox"
                checked={queue.statuses.value.includes(status)}
                onChange={(event) => queue.toggleStatus(status, event.currentTarget.checked)}
              />
              <span>{STATUS_LABELS[status]}</span>
            </label>
          ))}
        </fieldset>
        <div class="filter-row">
          <label for="queue-category" class="visually-hidden">
            Category
          </label>
          <select id="queue-category" value={queue.categoryId.value} onChange={(event) => (queue.categoryId.value = event.currentTarget.value)}>
            <option value="">All categories</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
          <label for="queue-tag" class="visually-hidden">
            {words.tagFilter}
          </label>
          <select id="queue-tag" value={queue.tag.value} onChange={(event) => (queue.tag.value = event.currentTarget.value)}>
            <option value="">{words.anyTag}</option>
            {queue.tagsInUse.value.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
          <label class="check">
            <input type="checkbox" checked={queue.unanswered.value} onChange={(event) => (queue.unanswered.value = event.currentTarget.checked)} />
            Unanswered
          </label>
        </div>
      </div>
      <SatisfactionFigure model={model} />
      <QueueRows model={model} />
    </aside>
  );
}

/** Mine, Unassigned, All open: the team's views over work still open, each with its count (kept live: every load counts). */
function TeamViews({ model }: { model: InboxModel }) {
  const { queue } = model;
  const counts = queue.counts.value;
  const labels = { me: words.viewMine, none: words.viewUnassigned, '': words.viewAllOpen };
  return (
    <div class="view-switch team-views" role="group" aria-label={words.views}>
      {TEAM_VIEWS.map(({ assignee, count }) => (
        <button key={count} type="button" class="secondary" aria-pressed={queue.teamView.value === assignee} onClick={() => queue.showTeamView(assignee)}>
          {labels[assignee]}
          {counts && <span class="view-count">{words.viewCount(counts[count])}</span>}
        </button>
      ))}
    </div>
  );
}

/**
 * The main queue or "Unverified mail": requests by mail whose sender nobody has proven wait there,
 * out of the way, until a link mailed to the sender is opened — or an agent empties the view.
 */
function QueueViews({ model }: { model: InboxModel }) {
  const { queue } = model;
  const count = queue.unverifiedCount.value;
  const unverified = queue.view.value === 'unverified_mail';
  const empty = () => {
    const what = count === 1 ? '1 request' : `${count ?? 'all'} requests`;
    if (confirm(`Delete ${what} in Unverified mail, with their messages? This cannot be undone.`)) void queue.emptyUnverified();
  };
  return (
    <div class="queue-views">
      <div class="view-switch" role="group" aria-label="View">
        <button type="button" class="secondary" aria-pressed={!unverified} onClick={() => (queue.view.value = 'main')}>
          Requests
        </button>
        <button type="button" class="secondary" aria-pressed={unverified} onClick={() => (queue.view.value = 'unverified_mail')}>
          Unverified mail{count !== null && <span class="view-count"> ({count})</span>}
        </button>
      </div>
      {unverified && (
        <div class="view-actions">
          <p class="muted">Mail from senders nobody has proven. It moves to Requests once a sender opens a link we mailed them.</p>
          <button type="button" class="secondary danger" disabled={queue.emptying.value || count === 0} onClick={empty}>
            {queue.emptying.value ? 'Emptying…' : 'Empty unverified mail'}
          </button>
          {queue.emptyProblem.value && <Problem error={queue.emptyProblem.value} onRetry={() => void queue.emptyUnverified()} />}
        </div>
      )}
    </div>
  );
}

function QueueRows({ model }: { model: InboxModel }) {
  const { queue } = model;
  const rows = queue.rows.value;
  if (rows.state === 'loading') return <p class="queue-message muted">Loading requests…</p>;
  if (rows.state === 'error')
    return (
      <div class="queue-message">
        <Problem error={rows.error} onRetry={() => queue.load()} />
      </div>
    );
  if (rows.value.length === 0)
    return (
      <p class="queue-message muted">
        {queue.query.value.q ? `Nothing matches “${queue.query.value.q}” with these filters.` : 'No requests match these filters.'}
      </p>
    );
  const open = model.openNumber.value;
  return (
    <div class="queue-list">
      <ul class="rows" aria-label="Requests">
        {rows.value.map((row) => (
          <QueueRow key={row.id} row={row} selected={row.id === open} onOpen={() => model.openRequest(row.id)} />
        ))}
      </ul>
      {queue.moreProblem.value && <Problem error={queue.moreProblem.value} onRetry={() => void queue.loadMore()} />}
      {queue.nextCursor.value && (
        <button type="button" class="secondary load-more" disabled={queue.loadingMore.value} onClick={() => void queue.loadMore()}>
          {queue.loadingMore.value ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}

function QueueRow({ row, selected, onOpen }: { row: QueueItem; selected: boolean; onOpen: () => void }) {
  const link = useRef<HTMLAnchorElement>(null);
  // A deep link or back/forward may select a row below the fold: bring it into view.
  useEffect(() => {
    if (selected) link.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <li>
      <a
        ref={link}
        class="row"
        href={requestPath(row.id)}
        aria-current={selected ? 'page' : undefined}
        onClick={(event) => {
          // Let the browser handle new tabs and windows.
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
          event.preventDefault();
          onOpen();
        }}
      >
        <span class="row-top">
          <span class="row-number">#{row.id}</span>
          <StatusBadge status={row.status} />
          {!row.senderVerified && <UnverifiedSender />}
          <time class="row-time" dateTime={row.updatedAt} title={`Last activity ${dateTime(row.updatedAt)}`}>
            {timeAgo(row.updatedAt)}
          </time>
        </span>
        <span class="row-subject">{row.subject}</span>
        <span class="row-meta">
          <span class="row-requester">{row.requester.name || row.requester.email}</span>
          <span class="row-category">{row.category}</span>
          {row.assignee && <span class="row-assignee">{words.assignedTo(row.assignee.name)}</span>}
        </span>
        {row.tags.length > 0 && (
          <span class="row-tags">
            {row.tags.map((tag) => (
              <span key={tag} class="tag-chip">
                {tag}
              </span>
            ))}
          </span>
        )}
      </a>
    </li>
  );
}

/** "Your requests": tabs for My requests, CC'd and (where the plan allows) Organization requests. */
import { useEffect } from 'preact/hooks';
import type { CustomerStatus, RequestScope } from '../../../server/contract/types.js';
import { messages, memberMessages } from '../../i18n/words.js';
import { Notice, Skeleton } from '../components/Notice.js';
import type { MemberHost } from '../state.js';
import type { RequestsModel } from './requests-model.js';
import { StatusBadge } from './StatusBadge.js';
import { timeAgo } from '../../kit/time.js';
import { locale } from '../language.js';
import { onTabKeys } from './tab-keys.js';

export function RequestsView({ model, requests }: { model: MemberHost; requests: RequestsModel }) {
  const config = model.config.value;
  const member = model.session.member.value;
  const orgAvailable = config.state === 'ready' && config.value.site.features.organizationRequests && Boolean(member?.organization);
  const tabs: RequestScope[] = orgAvailable ? ['mine', 'ccd', 'org'] : ['mine', 'ccd'];
  const rows = requests.rows.value;
  const filter = requests.status.value as CustomerStatus | '';

  // Back from a request, the rows stay on screen while they refresh, so focus can return to the row
  // that opened it (the panel focuses the first [data-autofocus]: that row, else the heading).
  useEffect(() => requests.loadList(true), []);
  const back = requests.opened();
  const returnsTo = rows.state === 'ready' && rows.value.some((request) => request.id === back);

  return (
    <div class="view">
      <h3 class="section-heading requests-heading" tabIndex={-1} data-autofocus={returnsTo ? undefined : ''}>
        {memberMessages.yourRequests}
      </h3>
      <div class="tabs" role="tablist" aria-label={memberMessages.yourRequests} onKeyDown={(event) => onTabKeys(event, (index) => requests.show(tabs[index]))}>
        {tabs.map((tab) => (
          <button
            key={tab}
            id={`ph-tab-${tab}`}
            type="button"
            role="tab"
            class="tab"
            aria-selected={requests.list.value === tab}
            aria-controls="ph-request-list"
            tabIndex={requests.list.value === tab ? 0 : -1}
            onClick={() => requests.show(tab)}
          >
            {memberMessages.lists[tab]}
          </button>
        ))}
      </div>
      <label class="filter">
        {memberMessages.statusFilter}
        <select value={requests.status.value} onChange={(event) => requests.show(requests.list.value, event.currentTarget.value)}>
          <option value="">{memberMessages.allStatuses}</option>
          <option value="open">{memberMessages.statuses.open}</option>
          <option value="awaiting_reply">{memberMessages.statuses.awaiting_reply}</option>
          <option value="solved">{memberMessages.statuses.solved}</option>
          <option value="closed">{memberMessages.statuses.closed}</option>
        </select>
      </label>

      <div id="ph-request-list" role="tabpanel" aria-labelledby={`ph-tab-${requests.list.value}`} aria-busy={rows.state === 'loading'}>
        {rows.state === 'loading' && <Skeleton />}
        {rows.state === 'error' && (
          <Notice text={rows.error.code === 'session_expired' ? memberMessages.sessionEnded : messages.offline} onRetry={requests.loadList} />
        )}
        {rows.state === 'ready' &&
          !rows.value.length &&
          (filter ? <NoneWithStatus requests={requests} status={filter} /> : <p class="muted">{memberMessages.noRequests}</p>)}
        {rows.state === 'ready' && rows.value.length > 0 && (
          <ul class="requests">
            {rows.value.map((request) => (
              <li key={request.id}>
                <button
                  type="button"
                  class="request-row"
                  data-autofocus={returnsTo && request.id === back ? '' : undefined}
                  onClick={() => model.navigation.show({ name: 'request', id: request.id })}
                >
                  <span class="request-subject" dir="auto">
                    {request.subject}
                  </span>
                  <span class="request-meta">
                    <StatusBadge status={request.status} />
                    <span>
                      #{request.id} · {memberMessages.lastActivity(timeAgo(request.updatedAt, locale.value))}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {requests.nextCursor.value && (
          <button type="button" class="secondary wide" disabled={requests.loadingMore.value} onClick={requests.loadMore}>
            {requests.loadingMore.value ? messages.loading : memberMessages.loadMore}
          </button>
        )}
      </div>
      <button type="button" class="primary wide" onClick={() => model.navigation.show({ name: 'contact' })}>
        {memberMessages.newRequest}
      </button>
    </div>
  );
}

/** An empty list under a status filter says which status it holds none of, and how to see every request again. */
function NoneWithStatus({ requests, status }: { requests: RequestsModel; status: CustomerStatus }) {
  return (
    <div class="empty-filter">
      <p class="muted">{memberMessages.noneWithStatus[status]}</p>
      <button type="button" class="secondary" onClick={() => requests.show(requests.list.value, '')}>
        {memberMessages.clearFilter}
      </button>
    </div>
  );
}

/**
 * Keeps a member's panel current without reloads: while the panel is open and the tab visible, it
 * reads the live-event stream (fetch + bearer header; EventSource cannot send one) and refetches
 * what changed; it reconnects by itself. A stream opened again after one was open (it ended — the
 * server says `resync` when it may have missed events —, or the panel was closed or the tab hidden)
 * refetches what the panel shows: nothing announced the changes made in the gap. It also keeps the
 * launcher's badge — requests awaiting the member's reply — up to date, and tells the host through
 * `request:updated`.
 */
import { effect, signal } from '@preact/signals';
import { memberMessages } from '../../i18n/words.js';
import type { MemberHost } from '../state.js';
import { tellHost, type RequestsModel } from './requests-model.js';
import { memberApi } from './member-api.js';
import { loading } from '../api.js';

const MAX_BACKOFF_MS = 30_000;

export function connectLive(model: MemberHost, requests: RequestsModel, launcher: HTMLButtonElement): () => void {
  const { session, navigation } = model;
  const api = memberApi(model.api);
  const visible = signal(document.visibilityState === 'visible');
  const onVisibility = () => (visible.value = document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);

  // The button keeps its name, "Support"; the count is its description for screen readers.
  const badge = document.createElement('span');
  badge.className = 'count';
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true');
  const description = document.createElement('span');
  description.id = 'ph-badge-text';
  description.className = 'visually-hidden';
  // Outside the button: text inside it would become part of its name.
  launcher.append(badge);
  launcher.after(description);
  // The count is of all the member's requests: not for a mail link's session, which has no member.
  const refreshBadge = () =>
    session.member.peek() &&
    session
      .call((token) => api.requestSummary(token))
      .then(
        ({ awaitingReply }) => {
          badge.hidden = awaitingReply === 0;
          badge.textContent = String(awaitingReply);
          description.textContent = awaitingReply ? memberMessages.awaitingBadge(awaitingReply) : '';
          if (awaitingReply) launcher.setAttribute('aria-describedby', description.id);
          else launcher.removeAttribute('aria-describedby');
        },
        () => undefined,
      );

  /**
   * Fetches again what the panel shows. `changed`: the request an event named, fetched wherever the
   * member is, since the host hears of it. None: after a gap — what is still loading needs nothing
   * more, and the open request is told to the host only if it moved.
   */
  const refresh = async (changed?: number) => {
    void refreshBadge();
    const view = navigation.view.value;
    const shown = requests.detail.peek();
    if (view.name === 'requests' && (changed || requests.rows.peek() !== loading)) requests.loadList(true);
    const id = changed || (view.name === 'request' && shown.state === 'ready' && view.id);
    if (!id) return;
    const { request } = await session.call((token) => api.getRequest(token, id));
    if (view.name === 'request' && view.id === id) requests.showUpdated(request);
    if (changed || (shown.state === 'ready' && shown.value.updatedAt !== request.updatedAt)) tellHost(model, request);
  };

  let controller: AbortController | undefined;
  let backoff = 1000;
  let opened = false;
  const stream = async (signalled: AbortController) => {
    while (!signalled.signal.aborted) {
      try {
        const body = await session.call((token) => api.openEvents(token, signalled.signal));
        backoff = 1000;
        if (opened) void refresh().catch(() => undefined);
        opened = true;
        const reader = body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^event: request\ndata: (.*)$/m.exec(block)?.[1];
            if (data) void refresh((JSON.parse(data) as { id: number }).id).catch(() => undefined);
          }
        }
      } catch {
        if (signalled.signal.aborted) return;
      }
      // The stream ended (session end, server restart, network): try again, a little later each time.
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  };

  const stopSignedIn = effect(() => {
    if (session.state.value === 'signed-in' && session.member.value) void refreshBadge();
    else {
      badge.hidden = true;
      launcher.removeAttribute('aria-describedby');
    }
  });
  const stopStreaming = effect(() => {
    const wanted = navigation.isOpen.value && visible.value && session.state.value === 'signed-in';
    if (wanted && !controller) void stream((controller = new AbortController()));
    if (!wanted && controller) {
      controller.abort();
      controller = undefined;
    }
  });

  return () => {
    stopSignedIn();
    stopStreaming();
    controller?.abort();
    document.removeEventListener('visibilitychange', onVisibility);
    badge.remove();
    description.remove();
  };
}

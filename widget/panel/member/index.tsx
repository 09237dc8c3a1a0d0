/**
 * Everything only members need, with its words and styles: signing in, their views, the launcher
 * badge and live updates. A separate chunk, fetched at the first `identify` (../member-chunk.ts),
 * so anonymous visitors never download it.
 */
import { filesChunk } from '../files-chunk.js';
import { memberMessages } from '../../i18n/words.js';
import type { MemberHost, ViewModel } from '../state.js';
import { adoptFormStyles } from '../form-styles.js';
import { createRequestsModel, type RequestsModel } from './requests-model.js';
import { RequestsView } from './RequestsView.js';
import { RequestView } from './RequestView.js';
import { adoptMemberStyles } from './styles.js';
import { connectLive } from './live.js';
import { Notice, Skeleton } from '../components/Notice.js';

export { keepSession } from './session.js';

const models = new WeakMap<MemberHost, RequestsModel>();

/**
 * The member features of one panel, made once a member is signed in: the styles (the launcher's
 * badge needs them with the panel closed), the requests model and its live updates.
 */
export function memberFeatures(model: MemberHost): RequestsModel {
  let requests = models.get(model);
  if (!requests) {
    adoptFormStyles(model.root);
    adoptMemberStyles(model.root);
    models.set(model, (requests = createRequestsModel(model)));
    // The Help Center page has no launcher: its badge is kept off the page.
    connectLive(model, requests, model.launcher ?? document.createElement('button'));
    // The reply form and files, so a request opens with them (idle time: the member just signed in).
    void filesChunk.load();
  }
  return requests;
}

/** On the home view, a signed-in member's way to their requests. */
export function MemberEntry({ model }: { model: ViewModel }) {
  const member = model.session.member.value;
  if (!member) return null;
  // Its own styles only: the panel made the member's features when the session began (panel/index.tsx).
  adoptMemberStyles(model.root);
  return (
    <button type="button" class="member-entry" onClick={() => model.navigation.show({ name: 'requests' })}>
      <span class="member-entry-title">{memberMessages.yourRequests}</span>
      <span class="muted">{memberMessages.signedInAs(member.name ?? member.email)}</span>
    </button>
  );
}

export function MemberViews({ model }: { model: MemberHost }) {
  const state = model.session.state.value;
  // Nobody is signed in (any more): say so, instead of views with nothing to show.
  if (state === 'anonymous' || state === 'ended')
    return (
      <div class="view">
        <Notice text={memberMessages.sessionEnded} />
      </div>
    );
  if (state !== 'signed-in') return <Skeleton view />;
  const requests = memberFeatures(model);
  const view = model.navigation.view.value;
  if (view.name === 'request') return <RequestView model={model} requests={requests} id={view.id} asked={view.rate} />;
  // A mail link's session (no member) opens its one request, not the lists.
  if (!model.session.member.value)
    return (
      <div class="view">
        <Notice text={memberMessages.linkOnly} />
      </div>
    );
  return <RequestsView model={model} requests={requests} />;
}

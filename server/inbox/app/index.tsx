/**
 * The inbox page's script (`/agent/assets/inbox-<hash>.js`): builds the state once, renders into
 * `#inbox`, follows back/forward, and starts live updates. Its stylesheet is `styles.css`, which
 * the build emits beside it (the page's CSP allows no inline styles).
 */
import './styles.css';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { App } from './App.js';
import { createInboxApi } from './api.js';
import { subscribeToEvents } from './live.js';
import { createInboxModel } from './state.js';
import { fillWords } from '../../../widget/i18n/words.js';
import { filesMessages } from '../../../widget/i18n/en/files.js';

// The panel's file controls the inbox shows (Attach, FileList) read their words from the live tables; the inbox
// speaks English.
fillWords({ filesMessages });

const model = createInboxModel(createInboxApi());
window.addEventListener('popstate', () => model.followLocation());

effect(() => {
  const detail = model.request.detail.value;
  const number = model.openNumber.value;
  const signedIn = model.session.value.state === 'signed-in';
  const subject = detail.state === 'ready' && detail.value.id === number ? ` ${detail.value.subject}` : '';
  document.title = !signedIn ? 'Sign in · Porthole inbox' : number === null ? 'Queue · Porthole inbox' : `#${number}${subject} · Porthole inbox`;
});

render(<App model={model} />, document.getElementById('inbox')!);
// The server marks the page when the browser sent no signed-in mark where it would have (see
// server/routes/agent/inbox-page.ts): nobody is signed in, so sign-in shows without asking GET /me.
if (document.body.dataset.session === 'none') model.session.value = { state: 'signed-out', ended: false };
else model.start();
// Live updates while signed in (the stream needs the session cookie); none while signed out.
let stopLive: (() => void) | undefined;
effect(() => {
  const signedIn = model.session.value.state === 'signed-in';
  if (signedIn && !stopLive) {
    stopLive = subscribeToEvents((event) => {
      model.refreshQueue();
      model.refreshRequest(event.number);
    }, model.catchUp);
  } else if (!signedIn && stopLive) {
    stopLive();
    stopLive = undefined;
  }
});

/** The whole page: sign-in, or the inbox — a top bar, the queue on the left, the open request on the right. */
import type { AgentBody } from '../../contract/types.js';
import type { InboxModel } from './state.js';
import { Problem } from './views/Problem.js';
import { Queue } from './views/Queue.js';
import { RequestPane } from './views/RequestPane.js';
import { SignIn } from './views/SignIn.js';
import { inboxWords } from './words.js';

export function App({ model }: { model: InboxModel }) {
  const session = model.session.value;
  switch (session.state) {
    case 'checking':
      return <p class="boot muted">{inboxWords.loading}</p>;
    case 'unreachable':
      return (
        <div class="boot">
          <Problem error={session.error} onRetry={model.start} />
        </div>
      );
    case 'signed-out':
      return <SignIn model={model} ended={session.ended} />;
    case 'signed-in':
      return <Inbox model={model} me={session.me} />;
  }
}

function Inbox({ model, me }: { model: InboxModel; me: AgentBody }) {
  const problem = model.signOutProblem.value;
  return (
    <div class="app">
      <a class="skip-link" href="#detail">
        {inboxWords.skipToRequest}
      </a>
      <header class="topbar">
        <p class="brand">
          Porthole <span class="site-name">{me.agent.site.name}</span>
        </p>
        <div class="who">
          {problem && <Problem error={problem} />}
          <span class="agent-name" title={me.agent.email}>
            {me.agent.name}
          </span>
          <button type="button" class="secondary small" onClick={() => void model.signOut()}>
            {inboxWords.signOut}
          </button>
        </div>
      </header>
      <div class="columns">
        <Queue model={model} />
        <RequestPane model={model} />
      </div>
    </div>
  );
}

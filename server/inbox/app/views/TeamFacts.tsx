/**
 * The team's own facts of the open request: who owns it (any teammate, or nobody; "Take it" for
 * oneself) and its tags (remove one with its button, add one by typing and Enter). Customers never
 * see either; the server says so too (services/team.ts).
 */
import { useState } from 'preact/hooks';
import type { AgentRequest } from '../../../contract/types.js';
import { normalizeTag, tagProblem } from '../../../contract/rules.js';
import type { InboxModel } from '../state.js';
import { inboxWords as words } from '../words.js';
import { Problem } from './Problem.js';

export function TeamFacts({ model, request }: { model: InboxModel; request: AgentRequest }) {
  const session = model.session.value;
  if (session.state !== 'signed-in') return null;
  const { me } = session;
  const busy = model.request.changingTeam.value;
  const ownerId = request.assignee?.id ?? '';
  // A removed agent may still own it: keep them in the list so the choice shows the truth.
  const team = request.assignee && !me.team.some((mate) => mate.id === ownerId) ? [...me.team, request.assignee] : me.team;
  return (
    <section class="team-facts" aria-label={words.teamFacts}>
      <div class="assignee">
        <label for="assignee">{words.assignee}</label>
        <select id="assignee" value={ownerId} disabled={busy} onChange={(event) => void model.request.assign(event.currentTarget.value || null)}>
          <option value="">{words.nobody}</option>
          {team.map((mate) => (
            <option key={mate.id} value={mate.id}>
              {mate.id === me.agent.id ? words.you(mate.name) : mate.name}
            </option>
          ))}
        </select>
        {ownerId !== me.agent.id && (
          <button type="button" class="secondary" disabled={busy} onClick={() => void model.request.assign(me.agent.id)}>
            {words.takeIt}
          </button>
        )}
      </div>
      <TagEditor model={model} tags={request.tags} busy={busy} />
      {model.request.teamProblem.value && <Problem error={model.request.teamProblem.value} />}
    </section>
  );
}

function TagEditor({ model, tags, busy }: { model: InboxModel; tags: string[]; busy: boolean }) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState('');
  const add = () => {
    const tag = normalizeTag(typed);
    const why = tagProblem(tag);
    if (why) return setProblem(words.tagProblems[why]);
    setProblem('');
    setTyped('');
    if (!tags.includes(tag)) void model.request.setTags([...tags, tag]);
  };
  return (
    <div class="tags">
      <span id="tags-label" class="tags-label">
        {words.tags}
      </span>
      <ul class="tag-list" aria-labelledby="tags-label">
        {tags.map((tag) => (
          <li key={tag} class="tag-chip">
            <span>{tag}</span>
            <button
              type="button"
              class="chip-remove"
              disabled={busy}
              aria-label={words.removeTag(tag)}
              onClick={() => void model.request.setTags(tags.filter((other) => other !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        class="tag-add"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <label for="tag-input" class="visually-hidden">
          {words.addTag}
        </label>
        <input
          id="tag-input"
          value={typed}
          maxLength={64}
          placeholder={words.addTag}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'tag-problem' : undefined}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
        {problem && (
          <p id="tag-problem" class="problem" role="alert">
            {problem}
          </p>
        )}
      </form>
    </div>
  );
}

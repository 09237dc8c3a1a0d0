/**
 * The team's own facts about a request: who owns it (assignment) and its tags. Both are the team's
 * alone — a change to them is announced to agents only, and never reaches a customer's view or mail.
 */
import type { Services } from './context.js';
import type { AgentWithSite } from '../store/types.js';
import type { AgentRequest, TagsInUse } from '../contract/types.js';
import { MAX_TAGS, normalizeTag, tagProblem } from '../contract/rules.js';
import { ApiError, notFound } from '../errors.js';
import { announce, presentForAgent } from './agents.js';

export async function assignRequest(services: Services, agent: AgentWithSite, number: number, agentId: string | null): Promise<AgentRequest> {
  const outcome = await services.store.team.assign(agent.siteId, number, agentId, services.clock().toISOString());
  if (outcome.kind === 'not_found') throw notFound('That request');
  if (outcome.kind === 'no_such_agent')
    throw new ApiError(400, 'validation_failed', 'No agent of this site has that id.', { agentId: 'is not an active agent of this site' });
  announce(services, outcome.view, false);
  return presentForAgent(services, outcome.view);
}

export async function tagRequest(services: Services, agent: AgentWithSite, number: number, given: string[]): Promise<AgentRequest> {
  const tags = [...new Set(given.map(normalizeTag))];
  const problems = Object.fromEntries(tags.flatMap((tag, index) => (tagProblem(tag) ? [[`tags.${index}`, tagProblem(tag)!]] : [])));
  if (Object.keys(problems).length) throw new ApiError(400, 'validation_failed', 'A tag is empty, too long or has characters tags cannot have.', problems);
  if (tags.length > MAX_TAGS) throw new ApiError(400, 'validation_failed', `A request has at most ${MAX_TAGS} tags.`, { tags: 'too_many' });
  const outcome = await services.store.team.setTags(agent.siteId, number, tags);
  if (outcome.kind === 'not_found') throw notFound('That request');
  announce(services, outcome.view, false);
  return presentForAgent(services, outcome.view);
}

export async function tagsInUse(services: Services, agent: AgentWithSite): Promise<TagsInUse> {
  return { tags: await services.store.team.tagsInUse(agent.siteId) };
}

/** `remove-agent`: an agent leaves the team — no sign-in, sessions ended, tokens revoked, no more team mail. */
import { defineCommand, plural } from './command.js';
import { AGENT_OPTIONS, agentOfSite, parseAgentOptions, siteBySlug } from './lookups.js';

export const removeAgent = defineCommand({
  spec: {
    name: 'remove-agent',
    brief: 'Remove a support agent: sessions end, tokens are revoked.',
    summary:
      "Remove a support agent from a site: they can no longer sign in, their inbox sessions end and their API tokens are revoked at once, and they get no more of the team's mail.",
    options: AGENT_OPTIONS,
    notes: ['Replies they wrote keep their name. add-agent with the same email adds them back, with a new first password.'],
    examples: ['remove-agent --site acme --email riley@acme.example'],
  },

  parse: parseAgentOptions,

  async run({ slug, email }, { store, io, clock }) {
    const agent = await agentOfSite(store, await siteBySlug(store, slug), email);
    if (agent.removedAt) {
      io.out(`Agent ${email} of site "${slug}" was already removed at ${agent.removedAt}.`);
      return;
    }
    const ended = await store.admin.removeAgent(agent.id, clock().toISOString());
    io.out(
      `Removed agent ${email} (${agent.name}) from site "${slug}": ${plural(ended.sessions, 'inbox session')} ended, ${plural(ended.tokens, 'API token')} revoked.`,
    );
  },
});

/** `remove-agent`: an agent leaves the team — no sign-in, sessions ended, tokens revoked, no more team mail. */
import { markAgentRemoved } from '../db/agents.js';
import { checkEmail, checkSlug } from './checks.js';
import { defineCommand, plural } from './command.js';
import { agentOfSite, siteBySlug } from './lookups.js';

export const removeAgent = defineCommand({
  spec: {
    name: 'remove-agent',
    brief: 'Remove a support agent: sessions end, tokens are revoked.',
    summary: "Remove a support agent from a site: they can no longer sign in, their inbox sessions end and their API tokens are revoked at once, and they get no more of the team's mail.",
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'email', value: '<email>', required: true, help: "The agent's email address." },
    ],
    notes: ['Replies they wrote keep their name. add-agent with the same email adds them back, with a new first password.'],
    examples: ['remove-agent --site acme --email riley@acme.example'],
  },

  parse: (options) => ({ slug: checkSlug(options.required('site'), '--site'), email: checkEmail(options.required('email')) }),

  async run({ slug, email }, { db, io, clock }) {
    const agent = await agentOfSite(db, await siteBySlug(db, slug), email);
    if (agent.removedAt) {
      io.out(`Agent ${email} of site "${slug}" was already removed at ${agent.removedAt}.`);
      return;
    }
    const ended = await markAgentRemoved(db, agent.id, clock().toISOString());
    io.out(`Removed agent ${email} (${agent.name}) from site "${slug}": ${plural(ended.sessions, 'inbox session')} ended, ${plural(ended.tokens, 'API token')} revoked.`);
  },
});

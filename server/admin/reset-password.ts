/** `reset-password`: a new first password for an agent, printed once; every inbox session they had ends. */
import { AdminError } from './args.js';
import { defineCommand, plural } from './command.js';
import { newPassword, printPassword } from './credentials.js';
import { AGENT_OPTIONS, agentOfSite, parseAgentOptions, siteBySlug } from './lookups.js';

export const resetPassword = defineCommand({
  spec: {
    name: 'reset-password',
    brief: 'Give an agent a new password and end their sessions.',
    summary:
      'Give a support agent a new first password (printed once) and sign them out everywhere: every inbox session they had ends at once, also on servers already running.',
    options: AGENT_OPTIONS,
    notes: ['Their API tokens keep working: list-tokens shows them, revoke-token ends one.'],
    examples: ['reset-password --site acme --email riley@acme.example'],
  },

  parse: parseAgentOptions,

  async run({ slug, email }, { store, io }) {
    const agent = await agentOfSite(store, await siteBySlug(store, slug), email);
    if (agent.removedAt)
      throw new AdminError(`Agent ${email} of site "${slug}" was removed at ${agent.removedAt}; add-agent adds them back with a new first password.`);
    const { password, passwordHash } = await newPassword();
    const sessions = await store.admin.resetPassword(agent.id, passwordHash);
    io.out(`Reset the password of agent ${email} (${agent.name}) of site "${slug}"; ${plural(sessions, 'inbox session')} ended.`);
    printPassword(io, 'New password', password);
  },
});

/**
 * `add-agent`: a support agent with a generated first password, or — with --token — a personal API
 * token for an agent (created first when missing). An agent removed earlier is added back with a new
 * first password. Secrets are printed once and stored hashed.
 */
import { newId } from '../store/ids.js';
import { AdminError, UsageError } from './args.js';
import { checkDays, checkEmail, checkName, checkSlug } from './checks.js';
import { defineCommand } from './command.js';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, newApiToken, newPassword, printApiToken, printPassword } from './credentials.js';
import { siteBySlug } from './lookups.js';

export const addAgent = defineCommand({
  spec: {
    name: 'add-agent',
    brief: 'Add a support agent (first password), or an API token for one.',
    summary:
      'Add a support agent to a site and print a first password once; with --token, print a personal API token instead (for an existing agent, or a new one).',
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site the agent works for.' },
      { name: 'email', value: '<email>', required: true, help: "The agent's email address (their inbox sign-in)." },
      {
        name: 'name',
        value: '<name>',
        required: true,
        help: "The agent's name, shown to customers on replies (used only when the agent is new or added back).",
      },
      { name: 'token', value: '<name>', help: 'Also create a personal API token with this name (Authorization: Bearer pat_…).' },
      {
        name: 'expires-days',
        value: '<days>',
        help: `With --token: the token stops working after this many days (default ${DEFAULT_TOKEN_DAYS}, at most ${MAX_TOKEN_DAYS}).`,
      },
    ],
    notes: [
      'A new agent always gets a first password; with --token an existing agent gets just the token.',
      'An agent removed with remove-agent is added back with a new first password; their old sessions and tokens stay ended.',
      'Passwords and tokens are stored hashed and printed once. list-tokens shows tokens, revoke-token ends one.',
    ],
    examples: [
      'add-agent --site acme --email riley@acme.example --name Riley',
      'add-agent --site acme --email riley@acme.example --name Riley --token "ticket sync" --expires-days 30',
    ],
  },

  parse: (options) => {
    if (options.has('expires-days') && !options.has('token')) throw new UsageError('--expires-days is for the token: give --token <name> too.');
    return {
      slug: checkSlug(options.required('site'), '--site'),
      email: checkEmail(options.required('email')),
      name: checkName(options.required('name'), '--name'),
      tokenName: options.has('token') ? checkName(options.required('token'), '--token') : undefined,
      tokenDays: options.has('expires-days') ? checkDays(options.required('expires-days'), '--expires-days', MAX_TOKEN_DAYS) : DEFAULT_TOKEN_DAYS,
    };
  },

  async run({ slug, email, name, tokenName, tokenDays }, { store, io, clock }) {
    const now = clock();
    const site = await siteBySlug(store, slug);
    const existing = await store.agents.findBySiteAndEmail(site.id, email);
    const agentId = existing?.id ?? newId('agt');
    const token = tokenName === undefined ? undefined : newApiToken(agentId, tokenName, tokenDays, now);

    if (existing && !existing.removedAt) {
      if (!token) throw new AdminError(`Site "${slug}" already has an agent ${email}. Add --token <name> to give them an API token.`);
      await store.admin.insertApiToken(token.row);
      io.out(`Created API token "${tokenName}" for agent ${email} (${existing.name}) of site "${slug}".`);
    } else {
      const { password, passwordHash } = await newPassword();
      if (existing) {
        await store.admin.reinstateAgent(agentId, name, passwordHash, token?.row);
        io.out(`Added agent ${email} (${name}) back to site "${slug}" (removed ${existing.removedAt}); their earlier sessions and tokens stay ended.`);
      } else {
        const agent = { id: agentId, siteId: site.id, email, name, passwordHash, createdAt: now.toISOString(), removedAt: null };
        if ((await store.admin.createAgent(agent, token?.row)) === 'email_taken')
          throw new AdminError(`Site "${slug}" already has an agent ${email}; try again.`);
        io.out(`Created agent ${email} (${name}) for site "${slug}".`);
      }
      printPassword(io, 'First password', password);
    }
    if (token) printApiToken(io, token.token, token.row);
  },
});

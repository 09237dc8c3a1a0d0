/**
 * `add-agent`: a support agent with a generated first password, or — with --token — a personal API
 * token for an agent (created first when missing). Secrets are printed once and stored hashed.
 */
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../auth/agent-auth.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { findAgentBySiteAndEmail, insertApiToken } from '../db/agents.js';
import { newId } from '../db/ids.js';
import { createAgent, type NewApiToken } from '../db/site-admin.js';
import { findSiteBySlug } from '../db/sites.js';
import { AdminError } from './args.js';
import { checkEmail, checkName, checkSlug } from './checks.js';
import { defineCommand } from './command.js';

export const addAgent = defineCommand({
  spec: {
    name: 'add-agent',
    brief: 'Add a support agent (first password), or an API token for one.',
    summary: 'Add a support agent to a site and print a first password once; with --token, print a personal API token instead (for an existing agent, or a new one).',
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site the agent works for.' },
      { name: 'email', value: '<email>', required: true, help: 'The agent\'s email address (their inbox sign-in).' },
      { name: 'name', value: '<name>', required: true, help: 'The agent\'s name, shown to customers on replies (used only when the agent is new).' },
      { name: 'token', value: '<name>', help: 'Also create a personal API token with this name (Authorization: Bearer pat_…).' },
    ],
    notes: [
      'A new agent always gets a first password; with --token an existing agent gets just the token.',
      'Passwords and tokens are stored hashed and printed once.',
    ],
    examples: ['add-agent --site acme --email riley@acme.example --name Riley', 'add-agent --site acme --email riley@acme.example --name Riley --token "ticket sync"'],
  },

  parse: (options) => ({
    slug: checkSlug(options.required('site'), '--site'),
    email: checkEmail(options.required('email')),
    name: checkName(options.required('name'), '--name'),
    tokenName: options.has('token') ? checkName(options.required('token'), '--token') : undefined,
  }),

  async run({ slug, email, name, tokenName }, { db, io, clock }) {
    const now = clock().toISOString();
    const site = await findSiteBySlug(db, slug);
    if (!site) throw new AdminError(`There is no site "${slug}".`);
    const token = tokenName === undefined ? undefined : newSecret(API_TOKEN_PREFIX);
    const tokenRow = (agentId: string): NewApiToken | undefined =>
      token === undefined ? undefined : { id: newId('tok'), agentId, name: tokenName!, tokenHash: hashSecret(token), createdAt: now };

    const existing = await findAgentBySiteAndEmail(db, site.id, email);
    if (existing) {
      if (!token) throw new AdminError(`Site "${slug}" already has an agent ${email}. Add --token <name> to give them an API token.`);
      await insertApiToken(db, tokenRow(existing.id)!);
      io.out(`Created API token "${tokenName}" for agent ${email} (${existing.name}) of site "${slug}".`);
    } else {
      const password = generatePassword();
      const agentId = newId('agt');
      const agent = { id: agentId, siteId: site.id, email, name, passwordHash: await hashPassword(password), createdAt: now };
      if ((await createAgent(db, agent, tokenRow(agentId))) === 'email_taken') {
        throw new AdminError(`Site "${slug}" already has an agent ${email}; try again.`);
      }
      io.out(`Created agent ${email} (${name}) for site "${slug}".`);
      io.out(`First password: ${password}`);
      io.out('The password is shown once and stored only as a hash: pass it to the agent now; they sign in to the inbox with their email.');
    }
    if (token) {
      io.out(`API token: ${token}`);
      io.out('The token is shown once and stored only as a hash: programs send it as "Authorization: Bearer <token>" to /api/v1/agent/….');
    }
  },
});

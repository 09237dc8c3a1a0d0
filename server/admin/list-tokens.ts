/** `list-tokens`: a site's personal API tokens — who has one, since when, last use, expiry, revocation. Never the tokens. */
import type { ListedApiToken } from '../store/types.js';
import { checkEmail, checkSlug } from './checks.js';
import { defineCommand } from './command.js';
import { agentOfSite, siteBySlug } from './lookups.js';

const COLUMNS: [string, (token: ListedApiToken, now: string) => string][] = [
  ['ID', (token) => token.id],
  ['NAME', (token) => token.name],
  ['AGENT', (token) => token.agentEmail],
  ['STATE', (token, now) => (token.revokedAt ? 'revoked' : token.expiresAt && token.expiresAt <= now ? 'expired' : 'active')],
  ['CREATED', (token) => token.createdAt],
  ['LAST USED', (token) => token.lastUsedAt ?? 'never'],
  ['EXPIRES', (token) => token.expiresAt ?? 'never'],
  ['REVOKED', (token) => token.revokedAt ?? '-'],
];

export const listTokens = defineCommand({
  spec: {
    name: 'list-tokens',
    brief: "List a site's API tokens (never the tokens themselves).",
    summary:
      "List a site's personal API tokens, newest first: id, name, agent, state, created, last used, expires, revoked. The tokens themselves are stored only as hashes and cannot be shown.",
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'agent', value: '<email>', help: "Only this agent's tokens." },
    ],
    notes: ['Times are UTC. revoke-token --id <id> ends a token.'],
    examples: ['list-tokens --site acme', 'list-tokens --site acme --agent riley@acme.example'],
  },

  parse: (options) => ({
    slug: checkSlug(options.required('site'), '--site'),
    agentEmail: options.has('agent') ? checkEmail(options.required('agent')) : undefined,
  }),

  async run({ slug, agentEmail }, { store, io, clock }) {
    const site = await siteBySlug(store, slug);
    const agent = agentEmail === undefined ? undefined : await agentOfSite(store, site, agentEmail);
    const tokens = await store.admin.listApiTokens(site.id, agent?.id);
    if (!tokens.length) {
      io.out(agent ? `Agent ${agent.email} of site "${slug}" has no API tokens.` : `Site "${slug}" has no API tokens.`);
      return;
    }
    const now = clock().toISOString();
    const rows = [COLUMNS.map(([title]) => title), ...tokens.map((token) => COLUMNS.map(([, cell]) => cell(token, now)))];
    const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    for (const row of rows)
      io.out(
        row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      );
  },
});

/** `revoke-token`: ends one personal API token at once; a running server refuses it from its next request. */
import { AdminError } from './args.js';
import { checkTokenId } from './checks.js';
import { defineCommand } from './command.js';

export const revokeToken = defineCommand({
  spec: {
    name: 'revoke-token',
    brief: 'End an API token at once.',
    summary: 'Revoke a personal API token: every request made with it is refused (401) from now on, also on servers already running.',
    options: [{ name: 'id', value: '<token id>', required: true, help: "The token's id (tok_…), as list-tokens shows it." }],
    notes: ['Revoking cannot be undone: give the program a new token (add-agent --token).'],
    examples: ['revoke-token --id tok_0mi8xk2w1000AbCdEfGhIjK'],
  },

  parse: (options) => ({ id: checkTokenId(options.required('id')) }),

  async run({ id }, { store, io, clock }) {
    const outcome = await store.admin.revokeApiToken(id, clock().toISOString());
    if (outcome.kind === 'not_found') throw new AdminError(`There is no API token ${id}. list-tokens --site <slug> shows a site's tokens.`);
    const { token, siteSlug } = outcome;
    const which = `API token "${token.name}" (${token.id}) of agent ${token.agentEmail}, site "${siteSlug}"`;
    io.out(
      outcome.kind === 'revoked' ? `Revoked ${which}. Requests made with it are refused from now on.` : `${which} was already revoked at ${token.revokedAt}.`,
    );
  },
});

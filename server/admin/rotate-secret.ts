/** `rotate-secret`: a new token secret for a site; the old one keeps working for a grace period. */
import { newSecret } from '../auth/secrets.js';
import { AdminError } from './args.js';
import { checkHours, checkSlug } from './checks.js';
import { defineCommand } from './command.js';
import { siteChanged } from '../services/site-directory.js';

const DEFAULT_GRACE_HOURS = 24;
const MAX_GRACE_HOURS = 24 * 30;
const HOUR_MS = 60 * 60 * 1000;

export const rotateSecret = defineCommand({
  spec: {
    name: 'rotate-secret',
    brief: "Replace a site's token secret; the old one stays valid for a grace period.",
    summary:
      "Give a site a new token secret and print it once. Member tokens signed with the old secret are still accepted until the grace period ends, so the host's backend can switch without downtime.",
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'grace-hours', value: '<hours>', help: `How long the old secret stays valid (default ${DEFAULT_GRACE_HOURS}; 0 ends it at once).` },
    ],
    notes: [
      'Only one previous secret is kept: rotating again drops a secret rotated out earlier, even inside its grace period.',
      'Running servers pick up the change at once on PostgreSQL, within 5 seconds on SQLite; no restart is needed.',
    ],
    examples: ['rotate-secret --site acme', 'rotate-secret --site acme --grace-hours 0'],
  },

  parse: (options) => ({
    slug: checkSlug(options.required('site'), '--site'),
    graceHours: options.has('grace-hours') ? checkHours(options.required('grace-hours'), '--grace-hours', MAX_GRACE_HOURS) : DEFAULT_GRACE_HOURS,
  }),

  async run({ slug, graceHours }, { store, io, clock }) {
    const now = clock();
    const validUntil = graceHours > 0 ? new Date(now.getTime() + graceHours * HOUR_MS).toISOString() : null;
    const secret = newSecret();
    const rotation = await store.admin.rotateSecret(slug, secret, validUntil, now.toISOString());
    if (!rotation) throw new AdminError(`There is no site "${slug}".`);
    await siteChanged(store, slug);
    // Heard over NOTIFY on PostgreSQL; on SQLite a running server's 5 s cache runs out (site-directory.ts).
    const serversFollow = store.engine === 'postgres' ? 'at once' : 'within 5 seconds';
    if (rotation.droppedPreviousValidUntil) {
      io.err(`warning: the secret rotated out earlier (valid until ${rotation.droppedPreviousValidUntil}) is no longer accepted.`);
    }
    io.out(`Rotated the token secret of site "${slug}".`);
    io.out(`Token secret: ${secret}`);
    io.out("This secret is shown once. Store it on the host's backend now: it signs member tokens (HS256) for this site.");
    io.out(
      validUntil
        ? `The previous secret stays valid until ${validUntil} (${graceHours} h). Running servers use the new one ${serversFollow}.`
        : `The previous secret is no longer accepted (running servers stop accepting it ${serversFollow}).`,
    );
  },
});

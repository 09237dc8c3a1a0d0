/**
 * The contact form's unsent text kept for the tab (../drafts.ts): the category, its fields, the
 * subject and the description — what the visitor wrote, not who they are — so moving to another
 * page of the host site loses nothing. Restored when the form opens on an untouched draft (a host's
 * `prefill` or the visitor's own typing wins), written with each edit, removed once sent.
 */
import { keptDrafts } from '../drafts.js';
import type { ContactForm, Draft } from '../models/contact-form.js';

const KEY = 'contact';
type Kept = Pick<Draft, 'categoryId' | 'subject' | 'description' | 'fields'>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** What was kept, as text only: storage is the page's to write too, so nothing else is trusted from it. */
function readKept(site: string): Kept | undefined {
  const kept = keptDrafts(site).read(KEY) as Record<string, unknown> | undefined;
  if (!kept || typeof kept !== 'object') return undefined;
  const fields = kept.fields && typeof kept.fields === 'object' ? Object.entries(kept.fields as Record<string, unknown>) : [];
  return {
    categoryId: text(kept.categoryId),
    subject: text(kept.subject),
    description: text(kept.description),
    fields: Object.fromEntries(fields.filter(([, value]) => typeof value === 'string')) as Record<string, string>,
  };
}

export function restoreContactDraft({ draft }: ContactForm, site: string): void {
  const now = draft.peek();
  if (now.subject || now.description || now.categoryId) return;
  const kept = readKept(site);
  if (kept) draft.value = { ...now, ...kept };
}

export function keepContactDraft({ draft }: ContactForm, site: string): void {
  const { categoryId, subject, description, fields } = draft.peek();
  const written = subject.trim() || description.trim() || Object.values(fields).some((value) => value.trim());
  keptDrafts(site).write(KEY, written ? { categoryId, subject, description, fields } : undefined);
}

export const forgetContactDraft = (site: string) => keptDrafts(site).write(KEY, undefined);

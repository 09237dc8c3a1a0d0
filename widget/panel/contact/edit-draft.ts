/** Editing the contact form's draft (the draft itself lives in the panel: ../models/contact-form.ts). */
import type { ContactForm, Draft } from '../models/contact-form.js';

export function editDraft({ draft, errors }: ContactForm, change: Partial<Draft>): void {
  draft.value = { ...draft.value, ...change };
  // A corrected field stops showing its old complaint.
  const fixed = Object.keys(change).flatMap((key) =>
    key === 'fields'
      ? Object.keys(change.fields ?? {}).map((k) => `fields.${k}`)
      : key === 'ccs'
        ? ['ccs', ...Object.keys(errors.value).filter((k) => k.startsWith('ccs.'))]
        : [key],
  );
  if (fixed.some((key) => key in errors.value)) errors.value = Object.fromEntries(Object.entries(errors.value).filter(([key]) => !fixed.includes(key)));
}

/**
 * "Contact us": category, the category's own fields, subject, description, email and name, and
 * files (the files chunk's control, ../files/Attach.tsx). The same rules as the server check the
 * form before it is sent; problems show next to their fields and focus moves to the first one.
 */
import { filesChunk } from '../files-chunk.js';
import { useEffect, useRef } from 'preact/hooks';
import { LIMITS } from '../../../server/contract/rules.js';
import { messages, contactMessages } from '../../i18n/words.js';
import { errorText, Field } from './Field.js';
import { splitCcs, submitContact } from './submit.js';
import { Notice, Skeleton } from '../components/Notice.js';
import type { ViewModel } from '../state.js';
import { createContactForm, type Draft, type FieldError } from '../models/contact-form.js';
import { editDraft } from './edit-draft.js';
import { keepContactDraft, restoreContactDraft } from './kept-draft.js';
import { isUploading } from '../models/uploads.js';

/** The CC field's problems, each naming the address it is about. */
function ccError(errors: Record<string, FieldError>, text: string): FieldError | undefined {
  const addresses = splitCcs(text);
  const found = Object.entries(errors).filter(([path]) => path === 'ccs' || path.startsWith('ccs.'));
  if (!found.length) return undefined;
  const describe = ([path, error]: [string, FieldError]) => {
    const address = addresses[Number(path.slice(4))];
    return address ? `${address}: ${errorText(error)}` : errorText(error);
  };
  return { message: found.map(describe).join(' ') };
}

/** `title`: the form's heading where "Contact us" is not what the page calls it (the Help Center's "Submit a request"). */
export function ContactView({ model, title = contactMessages.contactTitle }: { model: ViewModel; title?: string }) {
  const form = useRef<HTMLFormElement>(null);
  const config = model.config.value;
  const contact = model.contactForm(createContactForm);
  // Opening the form: what was written on another page of the site comes back — before the first
  // paint, so nothing typed meanwhile is overwritten —, and the form starts at its top, wherever the
  // view before it had been scrolled to (the panel's body, or the Help Center's page).
  const opened = useRef(false);
  if (!opened.current) {
    opened.current = true;
    restoreContactDraft(contact, model.api.site);
  }
  useEffect(() => {
    if (config.state !== 'ready') return;
    const scroller = form.current?.closest('.body');
    if (scroller) scroller.scrollTop = 0;
    else scrollTo(0, 0);
  }, [config.state]);
  if (config.state === 'loading') return <Skeleton view />;
  if (config.state === 'error')
    return (
      <div class="view">
        <Notice text={messages.offline} onRetry={model.retry} />
      </div>
    );

  const draft = contact.draft.value;
  const errors = contact.errors.value;
  const failure = contact.failure.value;
  const member = model.session.member.value;
  // The attach control comes with the files chunk, fetched as this form's chunk arrives.
  const Files = filesChunk.loaded.value;
  const limits = config.value.attachments;
  // Refused over its files (too many, one gone): words of their own, though the server names the field.
  const filesProblem = Files && failure && Files.sendProblemText(failure.code, limits);
  // Every edit is kept for the tab as it is made.
  const edit = (change: Partial<Draft>) => {
    editDraft(contact, change);
    keepContactDraft(contact, model.api.site);
  };
  const text = (key: 'subject' | 'description' | 'email' | 'name' | 'ccs') => ({
    value: draft[key],
    onInput: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => edit({ [key]: event.currentTarget.value }),
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    const request = await submitContact(contact, model.api);
    if (request) {
      model.navigation.show({ name: 'sent', number: request.id, email: member ? member.email : contact.draft.value.email.trim() });
      model.emit('request:created', { id: request.id });
    } else {
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  };

  return (
    <form ref={form} class="view form" noValidate onSubmit={submit} aria-labelledby="ph-contact-heading">
      <h3 id="ph-contact-heading" class="section-heading" tabIndex={-1} data-autofocus>
        {title}
      </h3>
      <Field id="ph-category" label={contactMessages.category} error={errors.categoryId}>
        {(control) => (
          <select {...control} value={draft.categoryId} onChange={(event) => edit({ categoryId: event.currentTarget.value, fields: {} })}>
            <option value="">{contactMessages.chooseCategory}</option>
            {config.value.categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        )}
      </Field>

      {contact.category.value?.fields.map((field) => (
        <Field key={field.key} id={`ph-field-${field.key}`} label={field.label} optional={!field.required} error={errors[`fields.${field.key}`]}>
          {(control) => {
            const value = draft.fields[field.key] ?? '';
            const set = (next: string) => edit({ fields: { ...draft.fields, [field.key]: next } });
            return field.type === 'select' ? (
              <select {...control} value={value} onChange={(event) => set(event.currentTarget.value)}>
                <option value="">{contactMessages.chooseOption(field.label)}</option>
                {field.options?.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...control}
                type="text"
                maxLength={field.maxLength ?? LIMITS.fieldValue}
                value={value}
                onInput={(event) => set(event.currentTarget.value)}
              />
            );
          }}
        </Field>
      ))}

      <Field id="ph-subject" label={contactMessages.subject} error={errors.subject}>
        {(control) => <input {...control} type="text" maxLength={LIMITS.subject} {...text('subject')} />}
      </Field>
      <Field id="ph-description" label={contactMessages.description} hint={contactMessages.descriptionHint} error={errors.description}>
        {(control) => <textarea {...control} rows={5} maxLength={LIMITS.description} {...text('description')} />}
      </Field>
      {member ? (
        <Field id="ph-ccs" label={contactMessages.ccLabel} optional hint={contactMessages.ccHint} error={ccError(errors, draft.ccs)}>
          {(control) => <input {...control} type="text" inputMode="email" autocomplete="off" {...text('ccs')} />}
        </Field>
      ) : (
        <>
          <Field id="ph-email" label={contactMessages.email} error={errors.email}>
            {(control) => <input {...control} type="email" autocomplete="email" maxLength={LIMITS.email} {...text('email')} />}
          </Field>
          <Field id="ph-name" label={contactMessages.name} optional error={errors.name}>
            {(control) => <input {...control} type="text" autocomplete="name" maxLength={LIMITS.name} {...text('name')} />}
          </Field>
        </>
      )}

      {/* Honeypot: invisible and unreachable for people; a bot that fills it gets a fake success. */}
      <div class="trap" aria-hidden="true">
        <label for="ph-website">Website</label>
        <input
          id="ph-website"
          name="website"
          tabIndex={-1}
          autocomplete="off"
          value={draft.website}
          onInput={(event) => edit({ website: event.currentTarget.value })}
        />
      </div>

      {Files && (
        <Files.Attach
          id="ph-files"
          uploads={contact.files}
          root={model.root}
          limits={limits}
          send={(file) => (member ? model.session.call((token) => Files.uploadFile(model.api, file, token)) : Files.uploadFile(model.api, file))}
        />
      )}

      {failure && (filesProblem || !Object.keys(failure.fields).length) && (
        <p class="form-error" role="alert">
          {filesProblem ||
            (failure.code === 'rate_limited' ? contactMessages.tooMany : failure.code === 'network' ? messages.offline : contactMessages.sendFailed)}
        </p>
      )}
      <button type="submit" class="primary" disabled={contact.submitting.value || isUploading(contact.files.value)}>
        {contact.submitting.value ? contactMessages.sending : contactMessages.send}
      </button>
    </form>
  );
}

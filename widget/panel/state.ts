/**
 * The panel's state, built once per page: the smaller models (navigation, help centre, contact form)
 * plus the site's config, and the host commands that act on them.
 */
import { createHostEvents } from './host-events.js';
import { signal } from '@preact/signals';
import type { SiteConfigBody } from '../../server/contract/types.js';
import type { Command, LoaderBridge } from '../bridge.js';
import type { PortholePrefill } from '../porthole.js';
import type { EmitHostEvent } from './host-events.js';
import type { ApiClient } from './api.js';
import type { ContactForm } from './models/contact-form.js';
import { createHelpCenter } from './models/help-center.js';
import { failed, loading, ready, type Loadable } from './api.js';
import { createNavigation } from './models/navigation.js';
import { createMemberSession, type MemberSession } from './models/member-session.js';
import { lockPageScroll } from './page-scroll.js';

/** The page the visitor is on, as the server may see it: origin and path, never query or fragment. */
const currentPage = () => location.origin + location.pathname;

/**
 * What the panel's views need (articles, search, the contact form, the member's session), without
 * the launcher: the widget's panel and the Help Center page (widget/help-center/) both build on it.
 */
export function createViewModel(api: ApiClient, root: ShadowRoot, emit: EmitHostEvent) {
  const config = signal<Loadable<SiteConfigBody>>(loading);
  const navigation = createNavigation();
  const help = createHelpCenter(api, currentPage);
  const session = createMemberSession(api);
  // The form's model comes with the contact chunk, which makes it the first time the form is shown: until then a
  // prefill is kept, and there is no draft to forget at sign-out.
  let contact: ContactForm | undefined;
  let pendingPrefill: PortholePrefill | undefined;

  const loadConfig = () => {
    config.value = loading;
    api.getConfig().then(
      (value) => {
        config.value = ready(value);
        if (pendingPrefill) contact?.prefill(pendingPrefill);
      },
      (error) => (config.value = failed(error)),
    );
  };

  return {
    config,
    navigation,
    help,
    session,
    api,
    /** The shadow root the views render in, where views loaded on demand adopt their styles. */
    root,
    emit,
    /** Fetch what the home view shows. */
    start() {
      loadConfig();
      help.loadSuggestions();
    },
    retry() {
      if (config.value.state === 'error') loadConfig();
      if (help.suggestions.value.state === 'error') help.loadSuggestions();
    },
    openArticle(id: string) {
      help.openArticle(id);
      navigation.show({ name: 'article', id });
    },
    /** `Porthole('prefill', …)`: kept, so it also applies once the categories have loaded. */
    prefill(values: PortholePrefill) {
      pendingPrefill = values;
      contact?.prefill(values);
    },
    /** The form's model, made once by `create` (the contact chunk's), with any prefill given before. */
    contactForm(create: (categories: () => SiteConfigBody['categories'], session: MemberSession) => ContactForm): ContactForm {
      if (contact) return contact;
      contact = create(() => (config.value.state === 'ready' ? config.value.value.categories : []), session);
      if (pendingPrefill) contact.prefill(pendingPrefill);
      return contact;
    },
    /** After sign-out: the member's CCs leave the draft. */
    forgetMember() {
      contact?.forgetMember();
    },
  };
}

export type ViewModel = ReturnType<typeof createViewModel>;

/** What the member's views run on: the widget's model (whose launcher shows their badge) or the Help Center page's, which has none. */
export type MemberHost = ViewModel & { launcher?: HTMLButtonElement };

export function createWidgetModel(api: ApiClient, bridge: LoaderBridge) {
  const events = createHostEvents();
  const views = createViewModel(api, bridge.root, events.emit);
  const { navigation } = views;
  let unlockScroll: (() => void) | undefined;
  // The site's Help Center page, on the server widget.js came from (like the API).
  const helpCenter = new URL(`help/${encodeURIComponent(bridge.site)}`, bridge.scriptUrl);

  const setOpen = (open: boolean) => {
    if (navigation.isOpen.value === open) return;
    navigation.isOpen.value = open;
    bridge.launcher.setAttribute('aria-expanded', String(open));
    if (open) unlockScroll = lockPageScroll();
    else {
      unlockScroll?.();
      bridge.launcher.focus();
    }
    events.emit(open ? 'open' : 'close');
  };

  const model = {
    ...views,
    launcher: bridge.launcher,
    helpCenter,
    /** The host's `Porthole('config', …)` so far (the loader merged each into bridge.settings), as a signal views can follow. */
    hostSettings: signal({ ...bridge.settings }),
    open: () => setOpen(true),
    close: () => setOpen(false),
    /** Called as the panel loads, i.e. at the first sign of interest. */
    start() {
      views.start();
      if (location.hash.startsWith('#porthole=')) void import('./mail-link.js').then((link) => link.openFromAddress(model));
    },
    run([name, first, second]: Command) {
      switch (name) {
        case 'on':
          return events.on(first, second);
        case 'open':
          return setOpen(true);
        case 'close':
          return setOpen(false);
        case 'toggle':
          return setOpen(!navigation.isOpen.value);
        case 'navigate':
          // A page of its own, in a new tab, opened now (a browser allows a new tab only while the host's click is
          // being handled): the panel stays as it was.
          if (first === 'helpcenter') return void open(helpCenter, '_blank', 'noopener');
          break;
        case 'config':
          model.hostSettings.value = { ...bridge.settings };
          return;
      }
      // The rest comes with its chunk, in the order given.
      // A failed download loses that command, not the ones after it.
      later = later.then(() => import('./host-commands.js').then(({ runHostCommand }) => runHostCommand(model, [name, first, second]))).catch(() => undefined);
    },
  };
  let later: Promise<unknown> = Promise.resolve();
  return model;
}

export type WidgetModel = ReturnType<typeof createWidgetModel>;

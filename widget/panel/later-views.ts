/**
 * What the panel shows past its first paint — an article, the contact form and its confirmation,
 * the link to the Help Center — is one chunk (contact/index.tsx), fetched while the browser is idle
 * once the suggestions are shown, or as the visitor heads for one of them; until it has arrived the
 * panel says it is loading (and shows no link). One chunk rather than one each: every chunk costs
 * the first load an import, and code shared with the panel would be split into more files.
 */
import { signal } from '@preact/signals';
import { lazyView } from './components/lazy-view.js';
import { wordsFor } from './language.js';

type LaterChunk = typeof import('./contact/index.js');

/** The Help Center link, once the chunk has arrived. */
export const HelpCenterLink = signal<LaterChunk['HelpCenterLink'] | null>(null);

const loadChunk = () =>
  Promise.all([import('./contact/index.js'), wordsFor('contact')]).then(([chunk]) => {
    HelpCenterLink.value = chunk.HelpCenterLink;
    return chunk;
  });

export const ContactView = lazyView(() => loadChunk().then((chunk) => chunk.ContactViews));
export const ArticleView = lazyView(() => loadChunk().then((chunk) => chunk.ArticleView));

let firstViewShown: () => void;
/** Resolved once the first view has what it shows: what can wait until then waits for it (the exact accent colours). */
export const afterFirstView = new Promise<void>((resolve) => (firstViewShown = resolve));

/** Fetches the chunk while the browser is idle, so an article or "Contact us" opens at once. */
export const preloadLaterViews = () =>
  (window.requestIdleCallback ?? setTimeout)(() => {
    firstViewShown();
    void ContactView.preload();
    void ArticleView.preload();
  });

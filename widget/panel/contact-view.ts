/**
 * The contact form (and the confirmation after it) is a chunk of its own: most visitors read the
 * suggestions and never open it. It is fetched once the panel has shown what it came for (or when
 * someone heads for the form).
 */
import { lazyView } from './components/lazy-view.js';

export const ContactView = lazyView(() => import('./contact/index.js').then((module) => module.ContactViews));

/** Fetches the form while the browser is idle, so "Contact us" opens at once. */
export const preloadContactForm = () => (window.requestIdleCallback ?? setTimeout)(() => void ContactView.preload());

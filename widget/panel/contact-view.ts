/** The contact form's view, which comes with the panel's later chunk (see later-views.ts); the Help Center page imports it from here. */
export { ContactView } from './later-views.js';

/**
 * The panel's entry as the loader fetches it. build.mjs builds it once per locale, each with that locale's first words
 * inside (`porthole:first-words` is widget/i18n/<locale>/panel.ts), so the words come in the file the loader fetches
 * anyway rather than in one more beside it. (Tests mount the panel from index.tsx, with the words in the bridge.)
 */
import { messages } from 'porthole:first-words';
import type { MountPanel } from '../bridge.js';
import { mountPanel as mount } from './index.js';

export const mountPanel: MountPanel = (bridge, pending) => mount({ ...bridge, words: { messages } }, pending);

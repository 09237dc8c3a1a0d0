/**
 * What the loader hands the panel when it loads, and what the panel gives back. The loader stays
 * tiny by knowing nothing of views: it forwards every command it does not handle itself.
 */

import type { Locale } from './i18n/locales.js';
import type { PortholeConfig } from './porthole.js';
import type { PanelWords } from './i18n/types.js';
import type { WordsSource } from './panel/language.js';

/** A locale's first words (widget/i18n/<locale>/panel.ts), which the panel's entry for that locale carries. */
export interface PanelWordsChunk {
  messages: PanelWords;
}

export interface LoaderBridge {
  /** The widget's open shadow root; the panel renders inside it. */
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  site: string;
  /** Absolute URL of widget.js: the API and chunks are found relative to it. */
  scriptUrl: string;
  /** The host's `config`: the snippet's `data-color`, then every `Porthole('config', …)` merged in. */
  settings: PortholeConfig;
  /** The locale the loader chose (widget/i18n/locales.ts pickLocale); it fetched that locale's entry. */
  locale: Locale;
}

/** A `Porthole(...)` call: command name, then its arguments. */
export type Command = [name: string, ...args: unknown[]];

export interface PanelControl {
  run(command: Command): void;
}

export type MountPanel = (bridge: LoaderBridge, pending: Command[]) => PanelControl;

/** The panel behind its entry (widget/panel/index.tsx): the first words in hand, and where later ones come from. */
export type MountPanelWithWords = (bridge: LoaderBridge & { words: PanelWordsChunk }, pending: Command[], words?: WordsSource) => PanelControl;

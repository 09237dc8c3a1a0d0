/**
 * The panel chunk's entry: the loader imports it at the first sign of interest and calls mountPanel.
 * It renders into the loader's shadow root with its own constructed stylesheets (CSP-safe).
 */
import { render } from 'preact';
import { effect } from '@preact/signals';
import type { MountPanelWithWords } from '../bridge.js';
import { createApiClient } from './api.js';
import { App } from './App.js';
import { createWidgetModel } from './state.js';
import { adoptPanelStyles } from './styles.js';
import { memberChunk } from './member-chunk.js';
import { locale, speak, switchLocale, type WordsSource } from './language.js';
import { wordsChunk } from './words-chunks.js';
import { messages } from '../i18n/words.js';
import { pickLocale, textDirection } from '../i18n/locales.js';
import { paintWidgetTheme } from './theme.js';

/** `words`: where later words come from — the widget's chunks beside widget.js (tests bring the source tables). */
export const mountPanel: MountPanelWithWords = (bridge, pending, words: WordsSource = (part, wanted) => wordsChunk(bridge.scriptUrl, part, wanted)) => {
  adoptPanelStyles(bridge.root);
  speak(words, bridge.locale, bridge.words);
  const model = createWidgetModel(createApiClient(bridge.scriptUrl, bridge.site), bridge);
  // The host's locale, then the browser's languages, then the site's default as its config says (the loader only
  // had the snippet's): followed like the theme, through the host's settings and the config as signals.
  effect(() => {
    const config = model.config.value;
    const wanted = pickLocale([model.hostSettings.value.locale, ...navigator.languages], config.state === 'ready' ? config.value.site.locale : bridge.locale);
    // Then the suggestions in it too; a failed download leaves the panel in the language it speaks.
    switchLocale(wanted).then(
      (changed) => changed && model.help.loadSuggestions(),
      () => undefined,
    );
  });
  const container = document.createElement('div');
  container.className = 'ph';
  bridge.root.append(container);
  paintWidgetTheme(bridge, model, container);
  // The widget speaks the panel's language, and so does the launcher (its word is the panel's title). The direction
  // is the panel's own element's, which no host page rule reaches (the widget's element could be styled by one).
  effect(() => {
    (bridge.root.host as HTMLElement).lang = locale.value;
    container.dir = textDirection(locale.value);
    bridge.launcher.firstChild!.textContent = messages.panelTitle;
  });
  render(<App model={model} />, container);

  // A signed-in member's badge and live updates start at once, even with the panel closed; signing
  // in brought their chunk.
  effect(() => {
    if (model.session.state.value === 'signed-in') memberChunk.peek()?.memberFeatures(model);
  });
  model.start();
  for (const command of pending) model.run(command);
  return { run: model.run };
};

/**
 * The panel chunk's entry: the loader imports it at the first sign of interest and calls mountPanel.
 * It renders into the loader's shadow root with its own constructed stylesheets (CSP-safe).
 */
import { render } from 'preact';
import { effect } from '@preact/signals';
import type { MountPanel } from '../bridge.js';
import { createApiClient } from './api.js';
import { App } from './App.js';
import { createWidgetModel } from './state.js';
import { adoptPanelStyles } from './styles.js';
import { memberChunk } from './member-chunk.js';

export const mountPanel: MountPanel = (bridge, pending) => {
  adoptPanelStyles(bridge.root);
  // The site's own colour, unless the host page chose one (the loader's `!important` rule wins).
  const siteColor = new CSSStyleSheet();
  bridge.root.adoptedStyleSheets = [...bridge.root.adoptedStyleSheets, siteColor];

  const model = createWidgetModel(createApiClient(bridge.scriptUrl, bridge.site), bridge);
  effect(() => {
    const config = model.config.value;
    const color = config.state === 'ready' ? config.value.site.color : '';
    if (color && CSS.supports('color', color)) siteColor.replaceSync(`:host{--ph-accent:${color}}`);
  });
  const container = document.createElement('div');
  container.className = 'ph';
  bridge.root.append(container);
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

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
import { paintWidgetTheme } from './theme.js';

export const mountPanel: MountPanel = (bridge, pending) => {
  adoptPanelStyles(bridge.root);
  const model = createWidgetModel(createApiClient(bridge.scriptUrl, bridge.site), bridge);
  const container = document.createElement('div');
  container.className = 'ph';
  bridge.root.append(container);
  paintWidgetTheme(bridge, model, container);
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

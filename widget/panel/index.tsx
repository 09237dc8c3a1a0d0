/**
 * The panel chunk's entry: the loader imports it at the first sign of interest and calls mountPanel.
 * It renders into the loader's shadow root with its own constructed stylesheet (CSP-safe).
 */
import { render } from 'preact';
import { effect } from '@preact/signals';
import type { MountPanel } from '../bridge.js';
import { createApiClient } from './api.js';
import { App } from './App.js';
import { createWidgetModel } from './state.js';
import { panelCss } from './styles.js';
import { loadMemberFeatures } from './MemberArea.js';

export const mountPanel: MountPanel = (bridge, pending) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(panelCss);
  // The site's own colour, unless the host page chose one (the loader's `!important` rule wins).
  const siteColor = new CSSStyleSheet();
  bridge.root.adoptedStyleSheets = [...bridge.root.adoptedStyleSheets, sheet, siteColor];

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

  // Members get their views, badge and live updates from a chunk of their own, fetched once signed in.
  effect(() => {
    if (model.session.state.value === 'signed-in') loadMemberFeatures(model).catch(() => undefined);
  });
  model.start();
  for (const command of pending) model.run(command);
  return { run: model.run };
};

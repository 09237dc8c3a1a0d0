/**
 * The Help Center page's entry: the server rendered the shell and what the address shows (#help);
 * this replaces that with the widget panel's views in a shadow root of the same element, where the
 * panel's constructed stylesheets apply as they do in the widget (nothing inline: strict CSP).
 * Same origin as the API, so the API client needs no CORS and sends no cookie.
 */
import { render } from 'preact';
import './page.css';
import { createApiClient } from '../panel/api.js';
import { createViewModel } from '../panel/state.js';
import { adoptPanelStyles } from '../panel/styles.js';
import { HelpApp } from './App.js';
import { followAddress } from './routing.js';
import { adoptHelpPageStyles } from './styles.js';

const host = document.getElementById('help');
const site = host?.dataset.site;
if (host && site) {
  host.replaceChildren();
  const root = host.attachShadow({ mode: 'open' });
  adoptPanelStyles(root);
  adoptHelpPageStyles(root);
  // No host page listens here: the views' events (a request sent) go nowhere.
  const model = createViewModel(createApiClient(`${location.origin}/`, site), root, () => undefined);
  followAddress(model, site);
  const container = document.createElement('div');
  container.className = 'ph';
  root.append(container);
  render(<HelpApp model={model} site={site} />, container);
  model.start();
}

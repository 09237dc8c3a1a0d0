/**
 * The contact form and its confirmation: a chunk of its own, with its words and styles, fetched
 * once the panel has shown what it came for (see ../contact-view.ts).
 */
import type { ViewModel } from '../state.js';
import { adoptFormStyles } from '../form-styles.js';
import { adoptContactStyles } from './styles.js';
import { ContactView } from './ContactView.js';
import { SentView } from './SentView.js';

export function ContactViews({ model }: { model: ViewModel }) {
  // Before its first paint: the chunk's styles join the panel's in the shadow root (once).
  adoptFormStyles(model.root);
  adoptContactStyles(model.root);
  const view = model.navigation.view.value;
  if (view.name === 'sent') return <SentView model={model} number={view.number} email={view.email} />;
  return <ContactView model={model} />;
}

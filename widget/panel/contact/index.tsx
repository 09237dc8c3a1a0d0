/**
 * The chunk of what the panel shows past its first paint, fetched once the panel has shown what it
 * came for (see ../later-views.ts): an article, the contact form and its confirmation (with their
 * words and styles), and the link to the Help Center. One chunk, not one each: every chunk the panel
 * imports costs its first load an import, and shared code would be split into more files.
 */
export { ArticleView } from '../views/ArticleView.js';
export { HelpCenterLink } from './HelpCenterLink.js';

import { filesChunk } from '../files-chunk.js';
import type { ViewModel } from '../state.js';
import { adoptFormStyles } from '../form-styles.js';
import { adoptContactStyles } from './styles.js';
import { ContactView } from './ContactView.js';
import { SentView } from './SentView.js';

export function ContactViews({ model, title }: { model: ViewModel; title?: string }) {
  // Before its first paint: the chunk's styles join the panel's in the shadow root (once).
  adoptFormStyles(model.root);
  adoptContactStyles(model.root);
  void filesChunk.load(); // the attach control: once, and retried by the next render if it failed
  const view = model.navigation.view.value;
  if (view.name === 'sent') return <SentView model={model} number={view.number} email={view.email} />;
  return <ContactView model={model} title={title} />;
}

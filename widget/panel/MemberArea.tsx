/**
 * Where the member views go. Their chunk is fetched the first time a member needs it; until it
 * arrives, and when nobody is signed in (any more), this says so instead.
 */
import { signal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { messages } from '../i18n/en.js';
import { Notice } from './components/Notice.js';
import type { WidgetModel } from './state.js';

type MemberModule = typeof import('./member/index.js');
const loaded = signal<MemberModule | null>(null);
let loading: Promise<void> | undefined;
const styled = new WeakSet<ShadowRoot>();

/**
 * Fetches the member chunk as soon as a member is signed in, and starts what members get even with
 * the panel closed: the launcher badge (and, while open, live updates).
 */
export function loadMemberFeatures(model: WidgetModel): Promise<void> {
  loading ??= import('./member/index.js').then(
    (module) => void (loaded.value = module),
    (error: unknown) => {
      loading = undefined; // a failed download may be retried by the next sign-in
      throw error;
    },
  );
  // The chunk is shared; the features (requests model, badge, live updates) are per panel.
  return loading.then(() => void loaded.value!.memberFeatures(model));
}

export function MemberArea({ model }: { model: WidgetModel }) {
  const anchor = useRef<HTMLDivElement>(null);
  const module = loaded.value;
  const state = model.session.state.value;

  useLayoutEffect(() => {
    const root = anchor.current?.getRootNode();
    if (!module || !(root instanceof ShadowRoot) || styled.has(root)) return;
    styled.add(root);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(module.memberCss);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }, [module]);

  if (state === 'anonymous' || state === 'ended') {
    return <div class="view"><Notice text={messages.sessionEnded} /></div>;
  }
  return <div ref={anchor}>{module && state === 'signed-in' ? <module.MemberViews model={model} /> : <p class="view muted">{messages.loading}</p>}</div>;
}

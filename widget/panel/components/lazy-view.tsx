/**
 * A view whose code is a chunk of its own, fetched the first time it is needed (or earlier, with
 * `preload`); until then the panel says it is loading.
 */
import { signal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import { Skeleton } from './Notice.js';

export function lazyView<P extends object>(load: () => Promise<FunctionComponent<P>>) {
  const loaded = signal<FunctionComponent<P> | null>(null);
  let started: Promise<void> | undefined;
  const preload = () =>
    (started ??= load().then(
      (view) => void (loaded.value = view),
      () => void (started = undefined), // a failed download may be retried next time
    ));
  const View = (props: P) => {
    const Loaded = loaded.value;
    if (Loaded) return <Loaded {...props} />;
    void preload();
    return <Skeleton view />;
  };
  return Object.assign(View, { preload, loaded });
}

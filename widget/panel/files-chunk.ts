/**
 * The files chunk: attaching files (the control and its uploads), a comment's files, and the
 * member's reply form that carries them. Fetched by the contact form and by the member's features
 * as they arrive, never with the first load: files are a later step of writing, not of the panel's
 * first paint, and the member chunk has no room for them. Only those chunks import this module, so
 * the first load does not carry it.
 */
import { signal } from '@preact/signals';
import { wordsFor } from './language.js';

type FilesChunk = typeof import('./files/index.js');

const loaded = signal<FilesChunk | null>(null);
let loading: Promise<void> | undefined;

export const filesChunk = {
  /** The chunk once it has arrived; until then (or if it failed) the views show no files parts. */
  loaded,
  /** Fetches the chunk once; a failed download is retried by the next view that needs it. */
  load: (): Promise<void> =>
    (loading ??= Promise.all([import('./files/index.js'), wordsFor('files')]).then(
      ([chunk]) => void (loaded.value = chunk),
      () => void (loading = undefined),
    )),
};

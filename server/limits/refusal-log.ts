/**
 * Refusals come in floods (a connection cap, a stream cap): each kind is logged at most once in
 * `everyMs`, and that line says how many refusals it stands for, so a flood neither fills the log
 * nor goes unseen. Used by the connection caps and the stream caps alike.
 */
export type RefusalLog = (kind: string, write: (refused: number) => void) => void;

/** `write` is called with the refusals of `kind` since its last line (this one included), or not at all. */
export function throttledRefusalLog(everyMs: number, now: () => number): RefusalLog {
  const last = new Map<string, { at: number; refused: number }>();
  return (kind, write) => {
    const time = now();
    const seen = last.get(kind) ?? { at: -Infinity, refused: 0 };
    last.set(kind, seen);
    seen.refused++;
    if (time - seen.at < everyMs) return;
    write(seen.refused);
    seen.at = time;
    seen.refused = 0;
  };
}

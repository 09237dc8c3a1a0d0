/**
 * The keys of a tab list (WAI-ARIA tabs pattern, tabs chosen as focus moves): Left/Right move to the
 * previous/next tab — swapped where the text runs right to left, so the arrow points the way focus
 * goes —, wrapping around, and Home/End to the first/last. Only the chosen tab is in the Tab order
 * (roving tabindex, set by the view); `choose` shows the tab focus moved to.
 */
export function onTabKeys(event: KeyboardEvent, choose: (index: number) => void): void {
  const list = event.currentTarget as HTMLElement;
  const tabs = Array.from(list.querySelectorAll<HTMLElement>('[role=tab]'));
  const from = tabs.indexOf(event.target as HTMLElement);
  if (from < 0) return;
  const forward = getComputedStyle(list).direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const backward = forward === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
  const to =
    event.key === forward
      ? (from + 1) % tabs.length
      : event.key === backward
        ? (from - 1 + tabs.length) % tabs.length
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? tabs.length - 1
            : -1;
  if (to < 0) return;
  event.preventDefault();
  tabs[to].focus();
  if (to !== from) choose(to);
}

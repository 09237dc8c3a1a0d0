/**
 * On a phone the panel covers the screen, and the host page behind it must not scroll.
 * Only the overflow of <html> is touched, through the CSSOM (CSP-safe), and restored on close.
 */
const PHONE = '(max-width: 639px)';

export function lockPageScroll(): () => void {
  if (!matchMedia(PHONE).matches) return () => {};
  const style = document.documentElement.style;
  const previous = [style.getPropertyValue('overflow'), style.getPropertyPriority('overflow')] as const;
  style.setProperty('overflow', 'hidden', 'important');
  return () => {
    if (previous[0]) style.setProperty('overflow', previous[0], previous[1]);
    else style.removeProperty('overflow');
  };
}

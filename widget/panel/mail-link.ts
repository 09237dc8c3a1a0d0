/**
 * A page opened from a notification mail's link: `#porthole=request/1042` (and `&t=…`, the link's token, `&rate=good`
 * from a solve mail's rating link) opens that request. The fragment is removed from the address bar at once, so the
 * token is not left in history or shared by copying the address. A chunk of its own, fetched only when the address
 * has such a fragment: most visitors never need it.
 */
import type { WidgetModel } from './state.js';

export function openFromAddress(model: WidgetModel): void {
  const match = /^#porthole=request\/(\d+)(?:&t=([\w.-]+))?(?:&rate=(good|bad))?$/.exec(location.hash);
  if (!match) return;
  history.replaceState(history.state, '', location.pathname + location.search);
  if (match[2]) model.session.identify({ link: match[2] });
  model.navigation.show({ name: 'request', id: Number(match[1]), rate: match[3] as 'good' | 'bad' | undefined });
  model.open();
}

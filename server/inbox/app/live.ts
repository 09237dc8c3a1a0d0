/**
 * Live updates for the inbox: the agent event stream (`GET /api/v1/agent/events`). The inbox is
 * same-origin and signed in by cookie, so a plain EventSource works and reconnects by itself.
 * Events carry only which request changed and when; `onChange` refetches through the ordinary
 * routes. `onReopen` runs when the stream connects again after having been open — the server ended
 * it (with `resync` when it may have missed events) or the network dropped — since nothing announced
 * what changed in the gap; not on the first connection. Returns a function that stops listening.
 */
export function subscribeToEvents(onChange: (event: { number: number; updatedAt: string }) => void, onReopen: () => void): () => void {
  const source = new EventSource('/api/v1/agent/events');
  let opened = false;
  source.addEventListener('open', () => {
    if (opened) onReopen();
    opened = true;
  });
  source.addEventListener('request', (message) => {
    const { id, updatedAt } = JSON.parse((message as MessageEvent<string>).data) as { id: number; updatedAt: string };
    onChange({ number: id, updatedAt });
  });
  return () => source.close();
}

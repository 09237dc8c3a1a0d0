/**
 * Live updates for the inbox: the agent event stream (`GET /api/v1/agent/events`). The inbox is
 * same-origin and signed in by cookie, so a plain EventSource works and reconnects by itself.
 * Events carry only which request changed and when; the callback refetches through the ordinary
 * routes. Returns a function that stops listening.
 */
export function subscribeToEvents(onChange: (event: { number: number; updatedAt: string }) => void): () => void {
  const source = new EventSource('/api/v1/agent/events');
  source.addEventListener('request', (message) => {
    const { id, updatedAt } = JSON.parse((message as MessageEvent<string>).data) as { id: number; updatedAt: string };
    onChange({ number: id, updatedAt });
  });
  return () => source.close();
}

/**
 * Live updates for the inbox. For now a stub that reports nothing; the agent event stream
 * (`GET /api/v1/agent/events`) will be read here. Events carry only which request changed and
 * when; the callback refetches through the ordinary routes. Returns a function that stops listening.
 */
export function subscribeToEvents(onChange: (event: { number: number; updatedAt: string }) => void): () => void {
  void onChange;
  return () => {};
}

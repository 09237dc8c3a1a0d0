// @vitest-environment happy-dom
// @vitest-environment-options {"url":"https://shop.example.com/account"}
/**
 * A member's live updates when the stream has a gap: the server ends it with `resync` (it may have
 * missed events), or the panel was closed. Nothing announces what changed meanwhile, so a stream
 * opened again after one was open refetches what the panel shows; the first one does not.
 */
import { afterEach, expect, test } from 'vitest';
import { createFakeServer, flush, mountMember, openRequestFromList, openRequestList, requestRows, until, unmountAll, type Widget } from './panel-harness.js';

afterEach(() => {
  unmountAll();
});

/** The live streams the widget opened, in order; the test ends them as the server would. */
function controlledStreams() {
  const server = createFakeServer();
  const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  const text = new TextEncoder();
  server.override((call) => {
    if (call.method !== 'GET' || !call.url.pathname.endsWith('/events')) return undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        streams.push(controller);
        controller.enqueue(text.encode(': connected\n\n'));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  });
  const resync = (n: number) => {
    streams[n]!.enqueue(text.encode('event: resync\ndata: {}\n\n'));
    streams[n]!.close();
  };
  return { server, streams, resync };
}

const messages = (widget: Widget) => Array.from(widget.root.querySelectorAll('.thread .message-body'), (body) => body.textContent);

test('after the server ends the stream with resync, the reopened stream refetches the list shown; the first open did not', async () => {
  const { server, streams, resync } = controlledStreams();
  const { widget, backend } = await mountMember({ server });
  await openRequestList(widget);
  await until(() => expect(streams).toHaveLength(1));
  await flush();
  expect(backend.lists()).toHaveLength(1);
  const badges = backend.badgeCalls().length;

  // Solved by support while this instance's bus was reconnecting: no event about it ever comes.
  const request = backend.requests[0]!;
  request.detail = { ...request.detail, status: 'solved', statusLabel: 'Solved', updatedAt: '2025-03-05T09:00:00.000Z' };
  resync(0);

  await until(() => expect(requestRows(widget)).toContain('Tent pole snapped on the first trip [Solved]'));
  expect(streams).toHaveLength(2);
  expect(backend.lists()).toHaveLength(2);
  expect(backend.badgeCalls().length).toBe(badges + 1);
});

test('the panel closed and opened again refetches the open request, and tells the host it changed', async () => {
  const { server, streams } = controlledStreams();
  const { widget, backend } = await mountMember({ server });
  await openRequestList(widget);
  await openRequestFromList(widget, 'Tent pole snapped on the first trip');
  await until(() => expect(streams).toHaveLength(1));

  widget.run('close');
  streams[0]!.close(); // what aborting the fetch does to a real stream
  const request = backend.requests[0]!;
  const reply = {
    id: 'cmt_a4',
    body: 'A new pole is on its way.',
    author: { name: 'Priya Natarajan', role: 'agent' as const, you: false },
    createdAt: '2025-03-05T09:00:00.000Z',
    attachments: [],
  };
  request.detail = { ...request.detail, comments: [...request.detail.comments, reply], updatedAt: reply.createdAt };
  widget.emit.mockClear();

  widget.run('open');
  await until(() => expect(messages(widget)).toContain('A new pole is on its way.'));
  expect(streams).toHaveLength(2);
  expect(widget.emit).toHaveBeenCalledWith('request:updated', { id: 1042, status: 'awaiting_reply', statusLabel: 'Awaiting your reply' });
});

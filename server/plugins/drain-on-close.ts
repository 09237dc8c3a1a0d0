/**
 * While the server shuts down, every answer carries `Connection: close`. Node closes idle
 * keep-alive connections once, when closing starts; a request in flight at that moment would leave
 * its connection open and idle after its answer, and shutdown would wait until the client hung up
 * (about 70 s for Node's fetch). Found by test/faults/crash-safety.test.ts.
 */
import type { FastifyInstance } from 'fastify';

export function closeConnectionsWhenDraining(app: FastifyInstance): void {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
}

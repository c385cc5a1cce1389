import type { FastifyInstance } from 'fastify';
import { EVENTS_CHANNEL, type LiveEvent } from '../core/events.js';
import type { Db, Unlisten } from '../db/db.js';

/**
 * Server-sent events. One LISTEN per server process on the events channel; every
 * notification (committed by any server on the same database) is fanned out to the
 * clients connected here.
 */
export class LiveHub {
  private clients = new Set<{ send: (e: LiveEvent) => void; end: () => void }>();
  private unlisten?: Unlisten;

  async start(db: Db): Promise<void> {
    this.unlisten = await db.listen(EVENTS_CHANNEL, (payload) => {
      let e: LiveEvent;
      try {
        e = JSON.parse(payload) as LiveEvent;
      } catch {
        return;
      }
      for (const c of this.clients) c.send(e);
    });
  }

  /** Adds a client; `end` is called when the server shuts down. */
  subscribe(send: (e: LiveEvent) => void, end: () => void): () => void {
    const c = { send, end };
    this.clients.add(c);
    return () => this.clients.delete(c);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Ends every stream (so a graceful shutdown is not held open) and stops listening. */
  async stop(): Promise<void> {
    for (const c of [...this.clients]) c.end();
    this.clients.clear();
    await this.unlisten?.();
  }
}

export function registerLiveRoutes(app: FastifyInstance, hub: LiveHub): void {
  app.get(
    '/events',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['live'],
        summary: 'Server-sent event stream of live updates (topics and ids; fetch details through the API)',
        querystring: { type: 'object', properties: { topics: { type: 'string', description: 'comma-separated topic prefixes' } }, additionalProperties: false },
        produces: ['text/event-stream'],
      },
    },
    (req, reply) => {
      const prefixes = ((req.query as { topics?: string }).topics ?? '').split(',').filter(Boolean);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\nretry: 3000\n\n');
      const beat = setInterval(() => res.write(': heartbeat\n\n'), 15_000);
      const unsubscribe = hub.subscribe(
        (e) => {
          if (prefixes.length && !prefixes.some((p) => e.topic.startsWith(p))) return;
          res.write(`event: ${e.topic}\ndata: ${JSON.stringify(e.data)}\n\n`);
        },
        // on shutdown: end the stream and drop the connection, so it does not linger
        // as an idle keep-alive connection that holds the server open
        () => res.end(() => res.socket?.destroy()),
      );
      req.raw.on('close', () => {
        clearInterval(beat);
        unsubscribe();
      });
    },
  );
}

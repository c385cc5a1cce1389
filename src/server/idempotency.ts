import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { actorLabel } from '../core/actor.js';
import { canonicalJson } from '../core/audit/canonical.js';
import { Problem, problem } from '../core/problem.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,200}$/;
/** A claim not completed after this long belongs to a request that died mid-way. */
const ABANDONED_MS = 60_000;

interface Claim {
  actor: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: Claim;
  }
  interface FastifyContextConfig {
    /** false: the route refuses an Idempotency-Key (its answer must not be stored, e.g. a secret shown once). */
    idempotent?: boolean;
  }
}

interface Row {
  method: string;
  path: string;
  request_hash: Uint8Array;
  status: number | null;
  response: string | null;
  created_at: Date;
}

function requestHash(req: FastifyRequest): Uint8Array {
  const body = req.body === undefined ? null : req.body;
  return new Uint8Array(createHash('sha256').update(`${req.method} ${req.url}\n${canonicalJson(body)}`).digest());
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/**
 * `Idempotency-Key` on any write by a signed-in caller: the first request claims the
 * key before it runs, and its answer is stored; a retry with the same key and the same
 * request gets that answer again (header `Idempotent-Replayed: true`) and writes
 * nothing. The same key with a different request is refused (422). A retry while the
 * first is still running gets 409 and should try again shortly. At most once: if a
 * server dies between the write and storing its answer, the retry is told the outcome
 * is unknown rather than run a second time. Keys are kept 24 hours.
 */
export function registerIdempotency(app: FastifyInstance): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers['idempotency-key'];
    if (header === undefined || !WRITE_METHODS.has(req.method)) return;
    const actor = req.ctx.actor;
    if (actor.kind === 'anonymous') return; // nothing to scope the key to; sign-in is not replayed
    if (typeof header !== 'string' || !KEY.test(header))
      throw problem.invalid('idempotency-key', '1–200 printable ASCII characters, e.g. a UUID', 'bad_idempotency_key');
    if (req.routeOptions.config.idempotent === false)
      throw problem.invalid(
        'idempotency-key',
        'this request cannot be replayed (its answer is a secret shown once, or a ballot receipt that must not be stored beside its voter); send it without the header — a repeated ballot is refused as already cast',
        'idempotency_not_supported',
      );
    const claim = { actor: actorLabel(actor), key: header };
    const hash = requestHash(req);
    const now = req.ctx.clock.now();
    const inserted = await req.ctx.db.query(
      `insert into idempotency_key (actor, key, method, path, request_hash, created_at)
       values ($1, $2, $3, $4, $5, $6) on conflict (actor, key) do nothing returning key`,
      [claim.actor, claim.key, req.method, req.url, hash, now],
    );
    if (inserted.length) {
      req.idempotency = claim;
      return;
    }
    const [row] = await req.ctx.db.query<Row>('select * from idempotency_key where actor = $1 and key = $2', [claim.actor, claim.key]);
    if (!row) throw problem.conflict('idempotency-key', 'was just released; retry', 'idempotency_retry');
    if (!same(row.request_hash, hash))
      throw new Problem('invalid', 'idempotency_key_reused', `idempotency-key: was used for a different request (${row.method} ${row.path})`, [
        { field: 'idempotency-key', reason: 'was used for a different request' },
      ]);
    if (row.status === null) {
      if (now.getTime() - row.created_at.getTime() > ABANDONED_MS)
        throw problem.conflict('idempotency-key', 'the first request with this key did not finish answering; check whether its change was made before sending a new request', 'idempotency_outcome_unknown');
      throw problem.conflict('idempotency-key', 'the first request with this key is still running; retry shortly', 'idempotency_in_progress');
    }
    reply.header('idempotent-replayed', 'true');
    const type = row.status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8';
    return reply.code(row.status).type(type).serializer((p: unknown) => p as string).send(row.response ?? '');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotency;
    if (!claim) return payload;
    req.idempotency = undefined;
    if (reply.statusCode >= 500)
      // a failure on our side is not remembered: a retry runs the request again
      await req.ctx.db.query('delete from idempotency_key where actor = $1 and key = $2', [claim.actor, claim.key]);
    else
      await req.ctx.db.query('update idempotency_key set status = $3, response = $4 where actor = $1 and key = $2', [
        claim.actor,
        claim.key,
        reply.statusCode,
        typeof payload === 'string' ? payload : '',
      ]);
    return payload;
  });
}

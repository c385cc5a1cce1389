import { appendAudit } from '../core/audit/index.js';
import { personOf } from '../core/actor.js';
import type { Ctx } from '../core/context.js';
import { problem } from '../core/problem.js';
import { isAdminActor, requireAdmin } from '../people/index.js';
import { isMember, requireOffice } from './access.js';
import { parseCharter, recallThreshold } from './charter.js';
import * as seats from './seats-store.js';
import { BODY_KINDS, type Body, type BodyKind } from './model.js';
import * as store from './store.js';

export interface NewBody {
  kind: BodyKind;
  name: string;
  parentId?: string | null;
  /** See charter.ts; omitted fields take their defaults. */
  charter?: Record<string, unknown>;
}

/** Founds a body in the federation (administrators, until councils found their own). */
export async function createBody(ctx: Ctx, input: NewBody): Promise<Body> {
  requireAdmin(ctx.actor);
  if (!(BODY_KINDS as readonly string[]).includes(input.kind))
    throw problem.invalid('kind', `must be one of ${BODY_KINDS.join(', ')}`);
  const name = input.name.trim();
  if (!name) throw problem.invalid('name', 'must not be empty');
  const charter = parseCharter(input.charter);
  return ctx.db.transaction(async (tx) => {
    if (input.parentId && !(await store.bodyById(tx, input.parentId))) throw problem.notFound('parentId', 'no such body');
    const body = await store.insertBody(tx, {
      id: ctx.ids.uuid(),
      kind: input.kind,
      name,
      parentId: input.parentId ?? null,
      createdAt: ctx.clock.now(),
      charter: { ...charter },
    });
    await appendAudit(tx, ctx, { action: 'body.create', subject: `body:${body.id}`, payload: { kind: body.kind, name, parentId: body.parentId } });
    return body;
  });
}

/** Adds people to a base body's membership; people already members are left as they are. */
export async function addMembers(ctx: Ctx, bodyId: string, personIds: readonly string[]): Promise<number> {
  requireAdmin(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    if (!(await store.bodyById(tx, bodyId))) throw problem.notFound('bodyId', 'no such body');
    const added = await store.insertMembers(tx, bodyId, personIds.map((personId) => ({ id: ctx.ids.uuid(), personId })), ctx.clock.now());
    await appendAudit(tx, ctx, { action: 'body.members.add', subject: `body:${bodyId}`, payload: { personIds, added } });
    return added;
  });
}

/** Gives a member an office (chair, secretary, supply_officer, …): an administrator,
 *  or the body's chair for any office but the chair itself (the body elects its chair). */
export async function grantOffice(ctx: Ctx, input: { bodyId: string; personId: string; title: string }): Promise<void> {
  if (!/^[a-z][a-z_]{1,40}$/.test(input.title)) throw problem.invalid('title', 'lower-case words joined by _, e.g. supply_officer');
  await ctx.db.transaction(async (tx) => {
    if (!isAdminActor(ctx.actor)) {
      await requireOffice(tx, ctx.actor, input.bodyId, 'chair');
      if (input.title === 'chair') throw problem.forbidden('the chair is chosen by the body, not appointed by the chair', 'chair_by_vote');
    }
    if (!(await isMember(tx, input.personId, input.bodyId))) throw problem.invalid('personId', 'must be a member of the body to hold office in it', 'not_member');
    const granted = await store.insertOffice(tx, { id: ctx.ids.uuid(), ...input, since: ctx.clock.now() });
    if (!granted) throw problem.conflict('title', 'already held by this person', 'office_held');
    await appendAudit(tx, ctx, { action: 'body.office.grant', subject: `body:${input.bodyId}`, payload: { personId: input.personId, title: input.title } });
  });
}

export function listBodies(ctx: Ctx, parentId?: string | null) {
  return store.listBodies(ctx.db, parentId);
}

/** Moves a body under another parent; refuses a move that would make a body its own ancestor. */
export async function setParent(ctx: Ctx, bodyId: string, parentId: string | null): Promise<Body> {
  requireAdmin(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const body = await store.bodyById(tx, bodyId);
    if (!body) throw problem.notFound('bodyId', 'no such body');
    if (parentId) {
      if (!(await store.bodyById(tx, parentId))) throw problem.notFound('parentId', 'no such body');
      const [cycle] = await tx.query<{ found: boolean }>(
        `with recursive up(id, parent_id) as (
           select id, parent_id from body where id = $1
           union all
           select b.id, b.parent_id from body b join up on b.id = up.parent_id
         ) select exists (select 1 from up where id = $2) as found`,
        [parentId, bodyId],
      );
      if (cycle?.found) throw problem.invalid('parentId', 'would make the body its own ancestor (a cycle of parents)', 'body_cycle');
    }
    await tx.query('update body set parent_id = $2 where id = $1', [bodyId, parentId]);
    await appendAudit(tx, ctx, { action: 'body.move', subject: `body:${bodyId}`, payload: { parentId } });
    return { ...body, parentId };
  });
}

export async function getBody(ctx: Ctx, id: string) {
  const body = await store.bodyById(ctx.db, id);
  if (!body) throw problem.notFound('id', 'no such body');
  return { ...body, members: await store.membersOf(ctx.db, id) };
}

/** A body's delegation: its seats in the parent, their holders and withdrawn confidence. */
export async function delegationView(ctx: Ctx, bodyId: string) {
  const body = await store.bodyById(ctx.db, bodyId);
  if (!body) throw problem.notFound('id', 'no such body');
  const members = await seats.memberCount(ctx.db, bodyId);
  const rows = await seats.delegation(ctx.db, bodyId, personOf(ctx.actor) ?? null);
  return {
    members,
    recallThreshold: recallThreshold(parseCharter(body.charter), members),
    seats: rows.map((r) => ({
      seatId: r.seat_id,
      number: r.number,
      bodyId: r.body_id,
      holder: r.holder_id ? { personId: r.holder_id, displayName: r.holder_name!, since: r.since!.toISOString() } : null,
      withdrawals: r.withdrawals,
      withdrawnByMe: r.withdrawn_by_me,
    })),
  };
}

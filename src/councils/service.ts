import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { problem } from '../core/problem.js';
import { requireAdmin } from '../people/index.js';
import { BODY_KINDS, type Body, type BodyKind } from './model.js';
import * as store from './store.js';

export interface NewBody {
  kind: BodyKind;
  name: string;
  parentId?: string | null;
}

/** Founds a body in the federation (administrators, until councils found their own). */
export async function createBody(ctx: Ctx, input: NewBody): Promise<Body> {
  requireAdmin(ctx.actor);
  if (!(BODY_KINDS as readonly string[]).includes(input.kind))
    throw problem.invalid('kind', `must be one of ${BODY_KINDS.join(', ')}`);
  const name = input.name.trim();
  if (!name) throw problem.invalid('name', 'must not be empty');
  return ctx.db.transaction(async (tx) => {
    if (input.parentId && !(await store.bodyById(tx, input.parentId))) throw problem.notFound('parentId', 'no such body');
    const body = await store.insertBody(tx, {
      id: ctx.ids.uuid(),
      kind: input.kind,
      name,
      parentId: input.parentId ?? null,
      createdAt: ctx.clock.now(),
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

/** Gives a member an office (chair, secretary, supply_officer, …). */
export async function grantOffice(ctx: Ctx, input: { bodyId: string; personId: string; title: string }): Promise<void> {
  requireAdmin(ctx.actor);
  if (!/^[a-z][a-z_]{1,40}$/.test(input.title)) throw problem.invalid('title', 'lower-case words joined by _, e.g. supply_officer');
  await ctx.db.transaction(async (tx) => {
    const rows = await tx.query('select 1 from membership where body_id = $1 and person_id = $2 and until is null', [input.bodyId, input.personId]);
    if (rows.length === 0) throw problem.invalid('personId', 'must be a member of the body to hold office in it', 'not_member');
    const granted = await store.insertOffice(tx, { id: ctx.ids.uuid(), ...input, since: ctx.clock.now() });
    if (!granted) throw problem.conflict('title', 'already held by this person', 'office_held');
    await appendAudit(tx, ctx, { action: 'body.office.grant', subject: `body:${input.bodyId}`, payload: { personId: input.personId, title: input.title } });
  });
}

export function listBodies(ctx: Ctx, parentId?: string | null) {
  return store.listBodies(ctx.db, parentId);
}

export async function getBody(ctx: Ctx, id: string) {
  const body = await store.bodyById(ctx.db, id);
  if (!body) throw problem.notFound('id', 'no such body');
  return { ...body, members: await store.membersOf(ctx.db, id) };
}

import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { problem } from '../core/problem.js';
import type { Queryable, Tx } from '../db/db.js';
import { requireAdmin } from '../people/index.js';
import { requireCommittee, requireSupplyOfficer } from './households.js';
import type { NeedRule } from './ration/index.js';

export const UNITS = ['g', 'ml', 'piece'] as const;
export type Unit = (typeof UNITS)[number];

export interface Good {
  id: string;
  code: string;
  name: string;
  unit: Unit;
  needRule: NeedRule;
}

const MAX_QUANTITY = 1_000_000_000_000; // a trillion units: more than any delivery, well inside int8 and safe integers

/** Checks a need rule from the API; errors name `needRule/<field>`. */
export function parseNeedRule(raw: unknown): NeedRule {
  const r = raw as Record<string, unknown> | null;
  const whole = (k: string) => {
    const v = r?.[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > 1_000_000_000) throw problem.invalid(`needRule/${k}`, 'must be a whole number of units ≥ 0');
    return v;
  };
  switch (r?.kind) {
    case 'equivalent_adult':
      return { kind: 'equivalent_adult', perAdult: whole('perAdult') };
    case 'per_child':
      return { kind: 'per_child', perChild: whole('perChild') };
    case 'per_infant':
      return { kind: 'per_infant', perInfant: whole('perInfant') };
    default:
      throw problem.invalid('needRule/kind', 'must be equivalent_adult, per_child or per_infant');
  }
}

const toGood = (r: { id: string; code: string; name: string; unit: Unit; need_rule: NeedRule }): Good => ({ id: r.id, code: r.code, name: r.name, unit: r.unit, needRule: r.need_rule });

/** Adds a good to the national list (administrators). */
export async function createGood(ctx: Ctx, input: { code: string; name: string; unit: string; needRule: unknown }): Promise<Good> {
  requireAdmin(ctx.actor);
  if (!(UNITS as readonly string[]).includes(input.unit)) throw problem.invalid('unit', `must be one of ${UNITS.join(', ')}`);
  if (!/^[a-z0-9][a-z0-9_-]{0,40}$/.test(input.code)) throw problem.invalid('code', 'lower-case letters, digits, _ or -, e.g. flour');
  if (!input.name.trim()) throw problem.invalid('name', 'must not be empty');
  const rule = parseNeedRule(input.needRule);
  return ctx.db.transaction(async (tx) => {
    const id = ctx.ids.uuid();
    const rows = await tx.query(
      `insert into good (id, code, name, unit, need_rule, created_at) values ($1, $2, $3, $4, $5::text::jsonb, $6) on conflict (code) do nothing returning id`,
      [id, input.code, input.name.trim(), input.unit, JSON.stringify(rule), ctx.clock.now()],
    );
    if (!rows.length) throw problem.conflict('code', `a good "${input.code}" exists already`, 'duplicate_good');
    await appendAudit(tx, ctx, { action: 'supply.good.create', subject: `good:${id}`, payload: { code: input.code, unit: input.unit, needRule: rule } });
    return { id, code: input.code, name: input.name.trim(), unit: input.unit as Unit, needRule: rule };
  });
}

export async function listGoods(q: Queryable): Promise<Good[]> {
  return (await q.query<{ id: string; code: string; name: string; unit: Unit; need_rule: NeedRule }>('select id, code, name, unit, need_rule from good order by code')).map(toGood);
}

/** A good by id or code; `field` names the input in the error. */
export async function goodByRef(q: Queryable, ref: string, field: string): Promise<Good> {
  const byId = /^[0-9a-f-]{36}$/i.test(ref);
  const [r] = await q.query<{ id: string; code: string; name: string; unit: Unit; need_rule: NeedRule }>(
    `select id, code, name, unit, need_rule from good where ${byId ? 'id = $1::uuid' : 'code = $1'}`,
    [ref],
  );
  if (!r) throw problem.invalid(field, `no such good "${ref}"`, 'unknown_good');
  return toGood(r);
}

export type MoveKind = 'delivery' | 'transfer' | 'loss' | 'count';

export interface StockMoveInput {
  kind: MoveKind;
  committeeId: string;
  good: string;
  /** Units moved (delivery, transfer, loss); for a count, the quantity found on the shelf. */
  quantity: number;
  /** transfer: the committee receiving. */
  toCommittee?: string;
  reason?: string;
}

/**
 * Records a stock movement of a committee, by one of its officers:
 * - `delivery`: goods arrive from outside;
 * - `transfer`: goods go to another committee;
 * - `loss`: spoilage, theft, breakage — a reason is required;
 * - `count`: a physical count; the difference from the ledger is recorded as a movement.
 * The database refuses any movement that would take a balance below zero.
 */
export async function recordStockMove(ctx: Ctx, input: StockMoveInput) {
  if (!Number.isSafeInteger(input.quantity) || input.quantity < (input.kind === 'count' ? 0 : 1) || input.quantity > MAX_QUANTITY)
    throw problem.invalid('quantity', input.kind === 'count' ? 'must be the whole number of units counted (≥ 0)' : 'must be a whole number of units ≥ 1');
  if (input.kind === 'loss' && !input.reason?.trim()) throw problem.invalid('reason', 'say why the goods were lost (spoiled, stolen, broken…)');
  return ctx.db.transaction(async (tx) => {
    await requireCommittee(tx, input.committeeId);
    await requireSupplyOfficer(tx, ctx, input.committeeId);
    const good = await goodByRef(tx, input.good, 'good');
    if (input.kind === 'transfer') {
      if (!input.toCommittee) throw problem.invalid('toCommittee', 'a transfer names the committee receiving');
      if (input.toCommittee === input.committeeId) throw problem.invalid('toCommittee', 'must be another committee');
      await requireCommittee(tx, input.toCommittee, 'toCommittee');
    }
    let from: string | null = null;
    let to: string | null = null;
    let quantity = input.quantity;
    let reason = input.reason?.trim() || null;
    let difference: number | undefined;
    if (input.kind === 'delivery') to = input.committeeId;
    else if (input.kind === 'transfer') [from, to] = [input.committeeId, input.toCommittee!];
    else if (input.kind === 'loss') from = input.committeeId;
    else {
      const before = await balanceOf(tx, input.committeeId, good.id, true);
      const diff = input.quantity - before;
      difference = diff;
      reason = `physical count: ${input.quantity} ${good.unit} found, ${before} on the ledger${reason ? ` (${reason})` : ''}`;
      if (diff === 0) {
        await appendAudit(tx, ctx, { action: 'supply.stock.count', subject: `body:${input.committeeId}`, payload: { good: good.code, counted: input.quantity, difference: 0 } });
        return { moved: 0, balance: before, difference: 0 };
      }
      if (diff > 0) to = input.committeeId;
      else from = input.committeeId;
      quantity = Math.abs(diff);
    }
    if (from && input.kind !== 'count') {
      const have = await balanceOf(tx, from, good.id, true);
      if (have < quantity) throw problem.conflict('quantity', `only ${have} ${good.unit} of ${good.code} in stock`, 'insufficient_stock');
    }
    const id = ctx.ids.uuid();
    await tx.query(
      'insert into stock_move (id, good_id, kind, from_committee, to_committee, quantity, reason, at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, good.id, input.kind, from, to, quantity, reason, ctx.clock.now()],
    );
    await appendAudit(tx, ctx, { action: `supply.stock.${input.kind}`, subject: `body:${input.committeeId}`, payload: { move: id, good: good.code, quantity, from, to, reason } });
    return { moved: quantity, balance: await balanceOf(tx, input.committeeId, good.id), ...(difference !== undefined ? { difference } : {}) };
  });
}

export async function balanceOf(q: Queryable, committeeId: string, goodId: string, lock = false): Promise<number> {
  const [r] = await q.query<{ quantity: number }>(`select quantity from stock_balance where committee_id = $1 and good_id = $2${lock ? ' for update' : ''}`, [committeeId, goodId]);
  return r?.quantity ?? 0;
}

/** A committee's stock by good, with what came in and went out, and the ledger check. */
export async function stockOf(ctx: Ctx, committeeId: string) {
  await requireCommittee(ctx.db, committeeId);
  await requireSupplyOfficer(ctx.db, ctx, committeeId);
  return ledgerOf(ctx.db, committeeId);
}

/**
 * Per good: delivered, transferred in and out, picked up, lost, count differences, and
 * the balance — which must equal everything in minus everything out (`balanced`).
 */
export async function ledgerOf(q: Queryable, committeeId: string) {
  const rows = await q.query<{ good: string; unit: string; balance: number; delivered: number; transfer_in: number; transfer_out: number; picked_up: number; lost: number; count_in: number; count_out: number }>(
    `select g.code as good, g.unit, coalesce(b.quantity, 0)::int8 as balance,
            coalesce(sum(m.quantity) filter (where m.kind = 'delivery'), 0)::int8 as delivered,
            coalesce(sum(m.quantity) filter (where m.kind = 'transfer' and m.to_committee = $1), 0)::int8 as transfer_in,
            coalesce(sum(m.quantity) filter (where m.kind = 'transfer' and m.from_committee = $1), 0)::int8 as transfer_out,
            coalesce(sum(m.quantity) filter (where m.kind = 'pickup'), 0)::int8 as picked_up,
            coalesce(sum(m.quantity) filter (where m.kind = 'loss'), 0)::int8 as lost,
            coalesce(sum(m.quantity) filter (where m.kind = 'count' and m.to_committee = $1), 0)::int8 as count_in,
            coalesce(sum(m.quantity) filter (where m.kind = 'count' and m.from_committee = $1), 0)::int8 as count_out
     from good g
     left join stock_balance b on b.good_id = g.id and b.committee_id = $1
     left join stock_move m on m.good_id = g.id and (m.from_committee = $1 or m.to_committee = $1)
     group by g.code, g.unit, b.quantity
     having count(m.id) > 0 or b.quantity is not null
     order by g.code`,
    [committeeId],
  );
  return rows.map((r) => ({
    ...r,
    balanced: r.balance === r.delivered + r.transfer_in - r.transfer_out - r.picked_up - r.lost + r.count_in - r.count_out,
  }));
}

/** Used by pickups: takes `quantity` of a good out of the committee's stock (refused below zero by the database). */
export async function takeForPickup(tx: Tx, ctx: Ctx, committeeId: string, goodId: string, quantity: number, pickupId: string): Promise<void> {
  await tx.query("insert into stock_move (id, good_id, kind, from_committee, quantity, pickup_id, at) values ($1, $2, 'pickup', $3, $4, $5, $6)", [
    ctx.ids.uuid(),
    goodId,
    committeeId,
    quantity,
    pickupId,
    ctx.clock.now(),
  ]);
}

import { personOf } from '../core/actor.js';
import { appendAudit } from '../core/audit/index.js';
import { randomBytesPooled } from '../core/ids.js';
import type { Ctx } from '../core/context.js';
import { problem, type FieldError } from '../core/problem.js';
import type { Queryable, Tx } from '../db/db.js';
import { holdsOffice } from '../councils/index.js';
import { isAdminActor } from '../people/index.js';
import { cardCodeFrom, parseCardCode } from './card-code.js';
import { countsOn, type HouseholdCountsOn } from './counts.js';
import { parseRegister, type LineError, type RegisterHousehold } from './households-file.js';

/** The offices that run a supply committee's register, stock and pickups. */
export const SUPPLY_OFFICES = ['supply_officer', 'chair'] as const;

/** Lets through an administrator or an officer (supply officer or chair) of the committee. */
export async function requireSupplyOfficer(q: Queryable, ctx: Pick<Ctx, 'actor'>, committeeId: string): Promise<string | null> {
  if (isAdminActor(ctx.actor)) return personOf(ctx.actor) ?? null;
  const person = personOf(ctx.actor);
  if (!person) throw problem.unauthenticated('sign in first');
  for (const title of SUPPLY_OFFICES) if (await holdsOffice(q, person, committeeId, title)) return person;
  throw problem.forbidden("only the committee's supply officers may do this", 'not_officer');
}

export async function requireCommittee(q: Queryable, committeeId: string, field = 'committeeId'): Promise<{ id: string; name: string }> {
  const [b] = await q.query<{ id: string; name: string; kind: string }>('select id, name, kind from body where id = $1', [committeeId]);
  if (!b) throw problem.notFound(field, 'no such body');
  if (b.kind !== 'supply_committee') throw problem.invalid(field, `must be a supply committee (this body is a ${b.kind})`, 'not_supply_committee');
  return b;
}

export async function specialNeeds(q: Queryable): Promise<string[]> {
  return (await q.query<{ code: string }>('select code from special_need order by code')).map((r) => r.code);
}

export interface NewMember {
  name: string;
  birthDate: string;
  needs?: string[];
}

export interface NewHousehold {
  committeeId: string;
  ref: string;
  zone?: string;
  address?: string;
  members: NewMember[];
}

export interface ImportReport {
  households: number;
  members: number;
  skipped: number;
  errors: LineError[];
  duplicates: number;
  dryRun: boolean;
  written: boolean;
}

const today = (ctx: Pick<Ctx, 'clock'>) => ctx.clock.now().toISOString().slice(0, 10);

/**
 * Registers households in a committee from the register file. A file with any bad line
 * writes nothing (the report lists every error) unless `skipInvalid`, which writes the
 * households whose lines are all good. `dryRun` checks and reports without writing.
 * Households whose reference the committee already has are refused as errors too.
 * Afterwards, possible duplicates (the same person in two households) are flagged.
 */
export async function importHouseholds(
  ctx: Ctx,
  input: { committeeId: string; text: string; dryRun?: boolean; skipInvalid?: boolean },
  progress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  await requireCommittee(ctx.db, input.committeeId);
  await requireSupplyOfficer(ctx.db, ctx, input.committeeId);
  const file = parseRegister(input.text, { today: today(ctx), needs: await specialNeeds(ctx.db) });
  const refs = file.households.map((h) => h.ref);
  const taken = new Set(
    (await ctx.db.query<{ ref: string }>('select ref from household where committee_id = $1 and ref = any($2::text[])', [input.committeeId, refs])).map((r) => r.ref),
  );
  const errors = [...file.errors];
  for (const h of file.households) if (taken.has(h.ref)) errors.push({ line: h.line, field: 'household', reason: `"${h.ref}" is already registered in this committee` });
  errors.sort((a, b) => a.line - b.line);
  const good = file.households.filter((h) => !taken.has(h.ref));
  const report: ImportReport = {
    households: good.length,
    members: good.reduce((a, h) => a + h.members.length, 0),
    skipped: new Set(errors.map((e) => e.line)).size,
    errors,
    duplicates: 0,
    dryRun: !!input.dryRun,
    written: false,
  };
  if (input.dryRun || (errors.length && !input.skipInvalid)) return report;
  const memberIds = await ctx.db.transaction(async (tx) => {
    const ids = await insertHouseholds(tx, ctx, input.committeeId, good, progress);
    await appendAudit(tx, ctx, { action: 'supply.households.import', subject: `body:${input.committeeId}`, payload: { households: good.length, members: report.members, skipped: report.skipped } });
    return ids;
  });
  report.written = true;
  // Looked for after the commit, not inside it: when two committees' imports commit at the
  // same moment, neither transaction sees the other's people, but of the two checks that
  // follow, the later one sees both (each statement sees every earlier commit).
  report.duplicates = await ctx.db.transaction((tx) => flagDuplicates(tx, ctx, memberIds));
  return report;
}

const CHUNK = 5_000;

/** Set-based inserts, a chunk at a time; each household gets a live ration card. */
async function insertHouseholds(tx: Tx, ctx: Ctx, committeeId: string, households: readonly RegisterHousehold[], progress?: (done: number, total: number) => void): Promise<string[]> {
  const now = ctx.clock.now();
  const memberIds: string[] = [];
  for (let i = 0; i < households.length; i += CHUNK) {
    const chunk = households.slice(i, i + CHUNK);
    const ids = chunk.map(() => ctx.ids.uuid());
    await tx.query(
      `insert into household (id, committee_id, ref, zone, address, created_at)
       select u.id, $1, u.ref, u.zone, u.address, $2 from unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) as u(id, ref, zone, address)`,
      [committeeId, now, ids, chunk.map((h) => h.ref), chunk.map((h) => h.zone), chunk.map((h) => h.address)],
    );
    const m = chunk.flatMap((h, k) => h.members.map((x) => ({ ...x, household: ids[k]!, id: ctx.ids.uuid() })));
    memberIds.push(...m.map((x) => x.id));
    await tx.query(
      `insert into household_member (id, household_id, name, birth_date, needs, since)
       select u.id, u.household, u.name, u.birth::date, coalesce(string_to_array(nullif(u.needs, ''), ';'), '{}'), $1
       from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) as u(id, household, name, birth, needs)`,
      [now, m.map((x) => x.id), m.map((x) => x.household), m.map((x) => x.name), m.map((x) => x.birthDate), m.map((x) => x.needs.join(';'))],
    );
    await tx.query(
      `insert into ration_card (code, household_id, issued_at) select u.code, u.household, $1 from unnest($2::text[], $3::uuid[]) as u(code, household)`,
      [now, ids.map(() => newCardCode()), ids],
    );
    progress?.(Math.min(i + CHUNK, households.length), households.length);
  }
  return memberIds;
}

const newCardCode = () => cardCodeFrom(randomBytesPooled(6));

/**
 * Flags possible duplicates of the given members: a current member of another household
 * born the same day, sharing a word of the name (migration 0012: the index that keeps
 * this fast at national scale), whose name is similar (trigram similarity ≥ 0.5), scored
 * higher when the addresses are similar too. Never merges: an officer resolves each flag.
 */
export async function flagDuplicates(tx: Tx, ctx: Ctx, memberIds: readonly string[]): Promise<number> {
  if (!memberIds.length) return 0;
  // Look the candidates up through the indexes, never by reading the whole register: a
  // register being imported grows faster than its statistics, which would otherwise
  // have the planner scan it once per newcomer.
  await tx.query('set local enable_seqscan = off');
  const rows = await tx.query<{ n: number }>(
    `with pairs as (
       -- the member already registered first, the newcomer second (within one batch, by id)
       select distinct on (least(a.id, b.id), greatest(a.id, b.id))
              case when b.id = any($1::uuid[]) then least(a.id, b.id) else b.id end as m1,
              case when b.id = any($1::uuid[]) then greatest(a.id, b.id) else a.id end as m2,
              similarity(fold_text(a.name), fold_text(b.name)) as name_score, similarity(fold_text(ha.address), fold_text(hb.address)) as address_score,
              ha.committee_id = hb.committee_id as same_committee
       from household_member a
       join household ha on ha.id = a.household_id
       -- each newcomer's candidates through the duplicate_keys index (migration 0012)
       cross join lateral (
         select b.id, b.name, b.household_id from household_member b
         where duplicate_keys(b.birth_date, b.name) && duplicate_keys(a.birth_date, a.name) and b.until is null
           and b.birth_date = a.birth_date and b.household_id <> a.household_id
         offset 0
       ) b
       join household hb on hb.id = b.household_id
       where a.id = any($1::uuid[]) and a.until is null and similarity(fold_text(a.name), fold_text(b.name)) >= 0.5
     ), inserted as (
       insert into duplicate_flag (id, member_id, other_member_id, score, reason, flagged_at)
       select gen_random_uuid(), m1, m2, round((0.7 * name_score + 0.3 * address_score)::numeric, 3),
              'same birth date, similar name' || case when address_score >= 0.5 then ', similar address' else '' end
                || case when same_committee then '' else ', another committee' end,
              $2
       from pairs
       on conflict (least(member_id, other_member_id), greatest(member_id, other_member_id)) do nothing
       returning 1
     ) select count(*)::int as n from inserted`,
    [memberIds, ctx.clock.now()],
  );
  await tx.query('reset enable_seqscan');
  const n = rows[0]!.n;
  if (n) await appendAudit(tx, ctx, { action: 'supply.duplicates.flag', subject: 'supply', payload: { flagged: n } });
  return n;
}

function checkMembers(members: readonly NewMember[], known: readonly string[], on: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!members.length) errors.push({ field: 'members', reason: 'a household has at least one member' });
  members.forEach((m, i) => {
    if (!m.name.trim()) errors.push({ field: `members/${i}/name`, reason: 'must not be empty' });
    const d = new Date(`${m.birthDate}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(m.birthDate) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m.birthDate)
      errors.push({ field: `members/${i}/birthDate`, reason: 'must be a real date YYYY-MM-DD' });
    else if (m.birthDate > on || m.birthDate < '1900-01-01') errors.push({ field: `members/${i}/birthDate`, reason: 'must be from 1900 up to today' });
    for (const n of m.needs ?? []) if (!known.includes(n)) errors.push({ field: `members/${i}/needs`, reason: `"${n}" is not a special need here (known: ${known.join(', ')})` });
  });
  return errors;
}

/** Registers one household (an officer at the desk); returns it with its card and any duplicate flags raised. */
export async function registerHousehold(ctx: Ctx, input: NewHousehold) {
  const known = await specialNeeds(ctx.db);
  const errors = checkMembers(input.members, known, today(ctx));
  if (!input.ref.trim()) errors.unshift({ field: 'ref', reason: 'must not be empty' });
  if (errors.length) throw problem.invalidMany(errors);
  const { householdId, memberIds } = await ctx.db.transaction(async (tx) => {
    await requireCommittee(tx, input.committeeId);
    await requireSupplyOfficer(tx, ctx, input.committeeId);
    const [dup] = await tx.query('select 1 from household where committee_id = $1 and ref = $2', [input.committeeId, input.ref.trim()]);
    if (dup) throw problem.conflict('ref', `"${input.ref.trim()}" is already registered in this committee`, 'duplicate_ref');
    const h: RegisterHousehold = {
      ref: input.ref.trim(),
      zone: input.zone?.trim() ?? '',
      address: input.address?.trim() ?? '',
      members: input.members.map((m, i) => ({ name: m.name.trim(), birthDate: m.birthDate, needs: [...new Set(m.needs ?? [])], line: i })),
      line: 0,
    };
    const memberIds = await insertHouseholds(tx, ctx, input.committeeId, [h]);
    const [row] = await tx.query<{ id: string }>('select household_id as id from household_member where id = $1', [memberIds[0]]);
    await appendAudit(tx, ctx, { action: 'supply.household.register', subject: `household:${row!.id}`, payload: { committee: input.committeeId, members: h.members.length } });
    return { householdId: row!.id, memberIds };
  });
  // after the commit, as an import does: two desks registering the same person at the
  // same moment still find each other (the later check sees both)
  const flagged = await ctx.db.transaction((tx) => flagDuplicates(tx, ctx, memberIds));
  return { ...(await householdView(ctx.db, householdId, today(ctx)))!, duplicatesFlagged: flagged };
}

export interface HouseholdView {
  id: string;
  committeeId: string;
  ref: string;
  zone: string;
  address: string;
  card: string | null;
  members: { id: string; name: string; birthDate: string; needs: string[] }[];
  counts: HouseholdCountsOn;
}

export async function householdView(q: Queryable, id: string, on: string): Promise<HouseholdView | undefined> {
  const [h] = await q.query<{ id: string; committee_id: string; ref: string; zone: string; address: string; card: string | null }>(
    `select h.id, h.committee_id, h.ref, h.zone, h.address, (select code from ration_card c where c.household_id = h.id and c.revoked_at is null) as card
     from household h where h.id = $1`,
    [id],
  );
  if (!h) return undefined;
  const members = await q.query<{ id: string; name: string; birth: string; needs: string[] }>(
    `select id, name, to_char(birth_date, 'YYYY-MM-DD') as birth, needs from household_member where household_id = $1 and until is null order by birth_date, name`,
    [id],
  );
  return {
    id: h.id,
    committeeId: h.committee_id,
    ref: h.ref,
    zone: h.zone,
    address: h.address,
    card: h.card,
    members: members.map((m) => ({ id: m.id, name: m.name, birthDate: m.birth, needs: m.needs })),
    counts: countsOn(members.map((m) => ({ birthDate: m.birth, needs: m.needs })), on),
  };
}

/** An officer reads a household of their committee. */
export async function getHousehold(ctx: Ctx, id: string): Promise<HouseholdView> {
  const h = await householdView(ctx.db, id, today(ctx));
  if (!h) throw problem.notFound('id', 'no such household');
  await requireSupplyOfficer(ctx.db, ctx, h.committeeId);
  return h;
}

/** Finds a household by card (as typed or scanned) or by a member's name, within the committee. */
export async function findHouseholds(ctx: Ctx, committeeId: string, query: { card?: string; name?: string }) {
  await requireSupplyOfficer(ctx.db, ctx, committeeId);
  if (query.card !== undefined) {
    const c = parseCardCode(query.card);
    if (!c.ok) throw problem.invalid('card', c.reason, 'bad_card');
    const rows = await ctx.db.query<{ id: string }>(
      `select h.id from ration_card c join household h on h.id = c.household_id where c.code = $1 and c.revoked_at is null and h.committee_id = $2`,
      [c.code, committeeId],
    );
    return Promise.all(rows.map(async (r) => (await householdView(ctx.db, r.id, today(ctx)))!));
  }
  const name = query.name?.trim() ?? '';
  if (name.length < 2) throw problem.invalid('name', 'give at least two letters of a name, or a card');
  const rows = await ctx.db.query<{ id: string }>(
    `select h.id, max(similarity(fold_text(m.name), fold_text($2))) as s
     from household_member m join household h on h.id = m.household_id
     where h.committee_id = $1 and m.until is null and (fold_text(m.name) like '%' || fold_text($2) || '%' or fold_text(m.name) % fold_text($2))
     group by h.id order by s desc limit 20`,
    [committeeId, name],
  );
  return Promise.all(rows.map(async (r) => (await householdView(ctx.db, r.id, today(ctx)))!));
}

/** Moves a household to another committee (an officer of the one it leaves); the history is kept. */
export async function moveHousehold(ctx: Ctx, id: string, toCommittee: string) {
  return ctx.db.transaction(async (tx) => {
    const [h] = await tx.query<{ committee_id: string }>('select committee_id from household where id = $1 for update', [id]);
    if (!h) throw problem.notFound('id', 'no such household');
    await requireSupplyOfficer(tx, ctx, h.committee_id);
    await requireCommittee(tx, toCommittee, 'toCommittee');
    if (toCommittee === h.committee_id) throw problem.invalid('toCommittee', 'the household is already in this committee');
    await tx.query('update household set committee_id = $2 where id = $1', [id, toCommittee]);
    await tx.query('insert into household_move (household_id, from_committee, to_committee, at) values ($1, $2, $3, $4)', [id, h.committee_id, toCommittee, ctx.clock.now()]);
    await appendAudit(tx, ctx, { action: 'supply.household.move', subject: `household:${id}`, payload: { from: h.committee_id, to: toCommittee } });
    return (await householdView(tx, id, today(ctx)))!;
  });
}

/** Revokes the household's card and issues a new one (a lost or forged card). */
export async function reissueCard(ctx: Ctx, householdId: string): Promise<{ card: string }> {
  return ctx.db.transaction(async (tx) => {
    const [h] = await tx.query<{ committee_id: string }>('select committee_id from household where id = $1 for update', [householdId]);
    if (!h) throw problem.notFound('id', 'no such household');
    await requireSupplyOfficer(tx, ctx, h.committee_id);
    await tx.query('update ration_card set revoked_at = $2 where household_id = $1 and revoked_at is null', [householdId, ctx.clock.now()]);
    const card = newCardCode();
    await tx.query('insert into ration_card (code, household_id, issued_at) values ($1, $2, $3)', [card, householdId, ctx.clock.now()]);
    await appendAudit(tx, ctx, { action: 'supply.card.reissue', subject: `household:${householdId}`, payload: {} });
    return { card };
  });
}

/** The open duplicate flags of a committee's households. */
export async function openDuplicates(ctx: Ctx, committeeId: string) {
  await requireSupplyOfficer(ctx.db, ctx, committeeId);
  return ctx.db.query<{ id: string; score: number; reason: string; member: string; other: string; household: string; other_household: string }>(
    `select f.id, f.score, f.reason, a.name as member, b.name as other, a.household_id as household, b.household_id as other_household
     from duplicate_flag f
     join household_member a on a.id = f.member_id join household ha on ha.id = a.household_id
     join household_member b on b.id = f.other_member_id join household hb on hb.id = b.household_id
     where f.status = 'open' and (ha.committee_id = $1 or hb.committee_id = $1)
     order by f.score desc limit 500`,
    [committeeId],
  );
}

/**
 * An officer resolves a flag: `distinct` (two people), or `remove_member` / `remove_other`
 * (the same person: they leave the household named, keeping the row with `until`).
 */
export async function resolveDuplicate(ctx: Ctx, flagId: string, resolution: 'distinct' | 'remove_member' | 'remove_other') {
  return ctx.db.transaction(async (tx) => {
    const [f] = await tx.query<{ member_id: string; other_member_id: string; status: string; c1: string; c2: string }>(
      `select f.member_id, f.other_member_id, f.status, ha.committee_id as c1, hb.committee_id as c2
       from duplicate_flag f join household_member a on a.id = f.member_id join household ha on ha.id = a.household_id
       join household_member b on b.id = f.other_member_id join household hb on hb.id = b.household_id
       where f.id = $1 for update of f`,
      [flagId],
    );
    if (!f) throw problem.notFound('id', 'no such flag');
    if (f.status !== 'open') throw problem.conflict('id', 'this flag is already resolved', 'already_resolved');
    const removed = resolution === 'remove_member' ? f.member_id : resolution === 'remove_other' ? f.other_member_id : null;
    // the officer must run the committee of the household a member leaves (or either, for `distinct`)
    try {
      await requireSupplyOfficer(tx, ctx, removed === f.other_member_id ? f.c2 : f.c1);
    } catch (e) {
      if (removed) throw e;
      await requireSupplyOfficer(tx, ctx, f.c2);
    }
    if (removed) await tx.query('update household_member set until = $2 where id = $1 and until is null', [removed, ctx.clock.now()]);
    await tx.query(`update duplicate_flag set status = 'resolved', resolution = $2, resolved_by = $3, resolved_at = $4 where id = $1`, [
      flagId,
      resolution,
      personOf(ctx.actor) ?? null,
      ctx.clock.now(),
    ]);
    await appendAudit(tx, ctx, { action: 'supply.duplicate.resolve', subject: `flag:${flagId}`, payload: { resolution, removed } });
    return { id: flagId, resolution };
  });
}

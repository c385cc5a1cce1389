import { appendAudit } from '../core/audit/index.js';
import type { Ctx } from '../core/context.js';
import { Problem } from '../core/problem.js';
import { cardSheetPdf, distributionListPdf, type Lang } from './cards/index.js';
import { requireCommittee, requireSupplyOfficer } from './households.js';
import { getPeriod } from './periods.js';

export interface PrintedPdf {
  filename: string;
  pdf: Uint8Array;
}

// references are ordered as people read them: N-2 before N-10, accents folded; the same on
// PGlite and PostgreSQL, whose collations differ
const byRef = new Intl.Collator('es', { numeric: true, sensitivity: 'base' });

/** A committee's name as a file name: ASCII letters, digits and dashes. */
function slug(name: string, fallback: string): string {
  const s = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || fallback;
}

/**
 * The live ration cards of a committee's households (its officers), or of the ones named,
 * ordered by household reference, as a sheet to print and cut. The cards carry no
 * personal data. Printing is audited (who printed how many cards of which committee):
 * a card code is what collects a household's rations.
 */
export async function printCards(ctx: Ctx, committeeId: string, options: { households?: readonly string[]; lang?: Lang } = {}): Promise<PrintedPdf> {
  const committee = await requireCommittee(ctx.db, committeeId, 'id');
  await requireSupplyOfficer(ctx.db, ctx, committeeId);
  const named = options.households?.length ? [...new Set(options.households)] : null;
  const rows = await ctx.db.query<{ id: string; ref: string; code: string }>(
    `select h.id, h.ref, c.code from household h join ration_card c on c.household_id = h.id and c.revoked_at is null
     where h.committee_id = $1 and ($2::uuid[] is null or h.id = any($2::uuid[]))`,
    [committeeId, named],
  );
  if (named) {
    const found = new Set(rows.map((r) => r.id));
    const missing = named.filter((id) => !found.has(id));
    if (missing.length)
      throw new Problem(
        'not_found',
        'unknown_household',
        `${missing.length === 1 ? 'a household named is' : `${missing.length} households named are`} not in this committee (or have no live card)`,
        missing.map((id) => ({ field: `household/${options.households!.indexOf(id)}`, reason: `${id} is not a household of this committee with a live card` })),
      );
  }
  rows.sort((a, b) => byRef.compare(a.ref, b.ref));
  const pdf = await cardSheetPdf(
    rows.map((r) => ({ code: r.code, committee: committee.name })),
    { lang: options.lang ?? 'es' },
  );
  await ctx.db.transaction((tx) => appendAudit(tx, ctx, { action: 'supply.cards.print', subject: `body:${committeeId}`, payload: { cards: rows.length, selected: named !== null } }));
  return { filename: `cards-${slug(committee.name, committeeId)}.pdf`, pdf };
}

/**
 * The distribution list of a period for a committee's desk (its officers): every
 * household with an entitlement in the period, by reference, with its card, its people
 * and per good the ration and what is left. Audited like the cards, since it lists them.
 */
export async function printDistributionList(ctx: Ctx, committeeId: string, periodId: string, lang: Lang = 'es'): Promise<PrintedPdf> {
  const committee = await requireCommittee(ctx.db, committeeId, 'id');
  await requireSupplyOfficer(ctx.db, ctx, committeeId);
  const period = await getPeriod(ctx.db, periodId);
  const goods = await ctx.db.query<{ code: string; unit: string }>(
    'select g.code, g.unit from unnest($1::uuid[]) with ordinality u(id, i) join good g on g.id = u.id order by u.i',
    [period.goods],
  );
  const rows = await ctx.db.query<{ ref: string; card: string | null; people: number; rations: number[]; collected: number[] }>(
    `select h.ref, c.code as card, e.rations, e.collected,
            (select count(*) from household_member m where m.household_id = h.id and m.until is null)::int as people
     from entitlement e join household h on h.id = e.household_id
     left join ration_card c on c.household_id = h.id and c.revoked_at is null
     where e.period_id = $1 and e.committee_id = $2`,
    [period.id, committeeId],
  );
  rows.sort((a, b) => byRef.compare(a.ref, b.ref));
  const pdf = await distributionListPdf({
    committee: committee.name,
    period: { name: period.name, starts: period.starts, ends: period.ends },
    goods,
    rows: rows.map((r) => ({ ref: r.ref, card: r.card ?? '', people: r.people, rations: r.rations.map(Number), collected: r.collected.map(Number) })),
    lang,
    printed: ctx.clock.now().toISOString().slice(0, 10),
  });
  await ctx.db.transaction((tx) =>
    appendAudit(tx, ctx, { action: 'supply.distribution.print', subject: `body:${committeeId}`, payload: { period: period.id, households: rows.length } }),
  );
  return { filename: `distribution-${slug(committee.name, committeeId)}-${slug(period.name, period.id)}.pdf`, pdf };
}

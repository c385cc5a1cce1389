/**
 * What the desk has seen recently, kept in IndexedDB for when the connection is gone:
 * each committee's desk set-up (name, period, goods) and the last households looked up,
 * by card, with their entitlement. Only what the desk shows is kept — a household's
 * reference, zone and counts, not its members' names or birth dates.
 */
import type { EntitlementLine, Good, Household, HouseholdCounts, Period } from './api.js';
import { get, getAll, put, remove } from './idb.js';

export interface DeskSetup {
  committeeId: string;
  name: string;
  period: Period | null;
  /** The period's goods, in its order. */
  goods: Good[];
  savedAt: string;
}

export interface SeenHousehold {
  /** The card in its printed form. */
  card: string;
  committeeId: string;
  periodId: string;
  household: { id: string; ref: string; zone: string; counts: HouseholdCounts };
  entitlement: EntitlementLine[];
  seenAt: string;
}

/** How many households a device keeps; the least recently seen go first. */
const KEEP = 500;

export const saveDesk = (setup: DeskSetup) => put('desks', setup);
export const savedDesk = (committeeId: string) => get<DeskSetup>('desks', committeeId);

export async function rememberHousehold(committeeId: string, periodId: string, h: Pick<Household, 'id' | 'ref' | 'zone' | 'counts' | 'card'>, entitlement: EntitlementLine[], now: Date): Promise<SeenHousehold | null> {
  if (!h.card) return null;
  const seen: SeenHousehold = { card: h.card, committeeId, periodId, household: { id: h.id, ref: h.ref, zone: h.zone, counts: h.counts }, entitlement, seenAt: now.toISOString() };
  await put('households', seen);
  const all = await getAll<SeenHousehold>('households');
  if (all.length > KEEP) {
    all.sort((a, b) => a.seenAt.localeCompare(b.seenAt));
    for (const old of all.slice(0, all.length - KEEP)) await remove('households', old.card);
  }
  return seen;
}

/** A household seen on this device for this committee and period, by its card. */
export async function recallHousehold(card: string, committeeId: string, periodId: string): Promise<SeenHousehold | undefined> {
  const seen = await get<SeenHousehold>('households', card);
  return seen && seen.committeeId === committeeId && seen.periodId === periodId ? seen : undefined;
}

/** After the server recorded a pickup: what it says is left replaces what was kept. */
export async function updateSeenEntitlement(card: string, update: (lines: EntitlementLine[]) => EntitlementLine[]): Promise<void> {
  const seen = await get<SeenHousehold>('households', card);
  if (seen) await put('households', { ...seen, entitlement: update(seen.entitlement) });
}

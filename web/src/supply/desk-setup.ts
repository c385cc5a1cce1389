/**
 * What a desk needs before the first household: the committee's name, the open period
 * and its goods. Loaded from the server and kept on the device; without a connection,
 * the copy kept last time.
 */
import { ApiError } from '../api.js';
import type { Person } from '../auth.js';
import { getBody, type BodyDetail } from '../councils/api.js';
import { currentPeriod, listGoods, type Good, type Period } from './api.js';
import { savedDesk, saveDesk, type DeskSetup } from './seen.js';

export const SUPPLY_OFFICES = ['supply_officer', 'chair'] as const;

/** Whether `person` runs this supply committee (its officers and chair; administrators may too). */
export function runsCommittee(body: Pick<BodyDetail, 'kind' | 'members'>, person: Pick<Person, 'id' | 'isAdmin'>): boolean {
  if (body.kind !== 'supply_committee') return false;
  if (person.isAdmin) return true;
  return body.members.some((m) => m.personId === person.id && m.offices.some((o) => (SUPPLY_OFFICES as readonly string[]).includes(o)));
}

const DISTRICT_KINDS = ['cordon', 'regional', 'national_assembly'];

/** Whether `person` may share out deliveries from this body to the committees under it: its
 *  chair or supply officer (a body above supply committees), or an administrator (districts). */
export function runsDistrict(body: Pick<BodyDetail, 'kind' | 'members'>, person: Pick<Person, 'id' | 'isAdmin'>): boolean {
  if (body.kind === 'supply_committee') return false;
  if (person.isAdmin) return DISTRICT_KINDS.includes(body.kind);
  return body.members.some((m) => m.personId === person.id && m.offices.some((o) => (SUPPLY_OFFICES as readonly string[]).includes(o)));
}

export interface Desk extends DeskSetup {
  /** Kept from an earlier visit: there is no connection now. */
  fromDevice: boolean;
  /** Whether the signed-in person runs this committee (unknown offline: assumed). */
  officer: boolean;
}

/** The open period, or null when there is none today. */
export async function openPeriod(signal: AbortSignal): Promise<Period | null> {
  try {
    return await currentPeriod(signal);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'no_period') return null;
    throw error;
  }
}

/** The period's goods in its order. */
export const goodsOf = (period: Period | null, goods: Good[]) =>
  period ? period.goods.map((id) => goods.find((g) => g.id === id)).filter((g): g is Good => g !== undefined) : [];

export async function loadDesk(committeeId: string, person: Person, signal: AbortSignal): Promise<Desk> {
  try {
    const [body, period, goods] = await Promise.all([getBody(committeeId, signal), openPeriod(signal), listGoods(signal)]);
    const setup: DeskSetup = { committeeId, name: body.name, period, goods: goodsOf(period, goods), savedAt: new Date().toISOString() };
    await saveDesk(setup).catch(() => undefined);
    return { ...setup, fromDevice: false, officer: runsCommittee(body, person) };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 0)) throw error;
    const kept = await savedDesk(committeeId).catch(() => undefined);
    if (!kept) throw error;
    return { ...kept, fromDevice: true, officer: true };
  }
}

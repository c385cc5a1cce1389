/**
 * Finding a household at the desk: by card (asked of the server, or — without a
 * connection — of the households this device has seen) or by name (the server only).
 * Every household shown is kept on the device with its entitlement for next time.
 */
import { ApiError } from '../api.js';
import type { MessageKey, MessageParams } from '../i18n.js';
import { findByCard, findByName, getEntitlement, type EntitlementLine, type Household, type HouseholdCounts } from './api.js';
import { isCardSearch, readCardCode } from './card-code.js';
import { isOffline } from './connectivity.js';
import type { Desk } from './desk-setup.js';
import { recallHousehold, rememberHousehold } from './seen.js';

export interface ShownHousehold {
  /** Its live card, which a pickup names; null when it has none. */
  card: string | null;
  household: { id: string; ref: string; zone: string; counts: HouseholdCounts };
  /** As the server (or the device's copy) has it: pickups still queued are not counted in it. */
  entitlement: EntitlementLine[];
  /** Shown from what this device kept, when it was seen. */
  fromDevice: string | null;
}

export type Found =
  | { kind: 'household'; shown: ShownHousehold }
  | { kind: 'results'; households: Household[] }
  | { kind: 'refused'; message: MessageKey; params?: MessageParams }
  | { kind: 'failed'; error: ApiError };

const refused = (message: MessageKey, params?: MessageParams): Found => ({ kind: 'refused', message, params });

async function fromDevice(desk: Desk, card: string): Promise<Found> {
  const seen = desk.period ? await recallHousehold(card, desk.committeeId, desk.period.id).catch(() => undefined) : undefined;
  if (!seen) return refused('supply.search.offlineUnseen');
  return { kind: 'household', shown: { card: seen.card, household: seen.household, entitlement: seen.entitlement, fromDevice: seen.seenAt } };
}

/** The household's entitlement, then kept on the device. */
export async function openHousehold(desk: Desk, h: Household): Promise<Found> {
  try {
    const entitlement = desk.period ? await getEntitlement(desk.period.id, h.id) : [];
    if (desk.period) await rememberHousehold(desk.committeeId, desk.period.id, h, entitlement, new Date()).catch(() => null);
    return { kind: 'household', shown: { card: h.card, household: { id: h.id, ref: h.ref, zone: h.zone, counts: h.counts }, entitlement, fromDevice: null } };
  } catch (error) {
    if (error instanceof ApiError && error.status === 0 && h.card) return fromDevice(desk, h.card);
    return { kind: 'failed', error: error instanceof ApiError ? error : new ApiError(0, {}) };
  }
}

/** The household on screen as the server has it now, else as the device kept it; null when neither knows. */
export async function refreshShown(desk: Desk, shown: ShownHousehold, signal: AbortSignal): Promise<ShownHousehold | null> {
  if (!desk.period) return null;
  try {
    const entitlement = await getEntitlement(desk.period.id, shown.household.id, signal);
    await rememberHousehold(desk.committeeId, desk.period.id, { ...shown.household, card: shown.card }, entitlement, new Date()).catch(() => null);
    return { ...shown, entitlement, fromDevice: null };
  } catch {
    const seen = shown.card ? await recallHousehold(shown.card, desk.committeeId, desk.period.id).catch(() => undefined) : undefined;
    return seen ? { ...shown, entitlement: seen.entitlement } : null;
  }
}

export async function lookUp(desk: Desk, text: string): Promise<Found> {
  const query = text.trim();
  if (!query) return refused('supply.search.empty');
  if (isCardSearch(query)) {
    const card = readCardCode(query);
    if (!card.ok) {
      if (card.reason === 'length') return refused('supply.card.length', { length: card.length });
      if (card.reason === 'character') return refused('supply.card.character', { character: card.character });
      return refused('supply.card.check');
    }
    if (isOffline()) return fromDevice(desk, card.code);
    try {
      const [h] = await findByCard(desk.committeeId, card.code);
      return h ? openHousehold(desk, h) : refused('supply.search.noCard');
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) return fromDevice(desk, card.code);
      return { kind: 'failed', error: error instanceof ApiError ? error : new ApiError(0, {}) };
    }
  }
  if (isOffline()) return refused('supply.search.offlineName');
  if (query.length < 2) return refused('supply.search.nameTooShort');
  try {
    const households = await findByName(desk.committeeId, query);
    if (!households.length) return refused('supply.search.noName');
    return households.length === 1 ? openHousehold(desk, households[0]!) : { kind: 'results', households };
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) return refused('supply.search.offlineName');
    return { kind: 'failed', error: error instanceof ApiError ? error : new ApiError(0, {}) };
  }
}

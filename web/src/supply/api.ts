/** The supply part of the Cordón API: periods, goods, households, entitlements, pickups, the dashboard, districts' deliveries. */
import { request } from '../api.js';

export type Unit = 'g' | 'ml' | 'piece';

export interface Period {
  id: string;
  name: string;
  starts: string;
  ends: string;
  /** Good ids, in the order every entitlement lists them. */
  goods: string[];
  status: 'open' | 'closed';
}

export interface Good {
  id: string;
  code: string;
  name: string;
  unit: Unit;
}

export interface HouseholdCounts {
  people: number;
  adults: number;
  children: number;
  infants: number;
  bands?: { '1-4': number; '5-13': number; '14-17': number };
  /** Members with each special need. */
  needs?: Record<string, number>;
  special: boolean;
}

export interface Household {
  id: string;
  committeeId: string;
  ref: string;
  zone: string;
  address: string;
  /** The live card, or null when none is issued. */
  card: string | null;
  members: { id: string; name: string; birthDate: string; needs: string[] }[];
  counts: HouseholdCounts;
}

/** One good of a household's entitlement in a period (`good` is the good's code). */
export interface EntitlementLine {
  good: string;
  need: number;
  ration: number;
  collected: number;
  left: number;
}

export interface PickupLine {
  good: string;
  quantity: number;
}

export interface PickupInput {
  /** Made here: the same id sent twice is one pickup. */
  id: string;
  card: string;
  point: string;
  lines: PickupLine[];
  /** When it happened; sent only for a pickup made offline. */
  at?: string;
}

export interface PickupResult {
  id: string;
  householdId: string;
  periodId: string;
  lines: (PickupLine & { left: number })[];
  at: string;
  replay: boolean;
}

export interface GoodProgress {
  good: string;
  name: string;
  unit: Unit;
  stock: number;
  need: number;
  allocated: number;
  collected: number;
  unmet: number;
  households: number;
  served: number;
}

export interface Dashboard {
  period: Period;
  goods: GoodProgress[];
  pickupsToday: number;
  recentPickups: { id: string; householdId: string; point: string; lines: PickupLine[]; at: string }[];
}

const id = encodeURIComponent;

export const currentPeriod = (signal?: AbortSignal) => request<Period>('GET', '/supply/periods/current', undefined, { signal });
export const listGoods = (signal?: AbortSignal) => request<Good[]>('GET', '/supply/goods', undefined, { signal });

export const findByCard = (committeeId: string, card: string, signal?: AbortSignal) =>
  request<Household[]>('GET', `/supply/committees/${id(committeeId)}/households?card=${id(card)}`, undefined, { signal });
export const findByName = (committeeId: string, name: string, signal?: AbortSignal) =>
  request<Household[]>('GET', `/supply/committees/${id(committeeId)}/households?name=${id(name)}`, undefined, { signal });

export const getEntitlement = (periodId: string, householdId: string, signal?: AbortSignal) =>
  request<EntitlementLine[]>('GET', `/supply/periods/${id(periodId)}/households/${id(householdId)}`, undefined, { signal });

export const recordPickup = (pickup: PickupInput) => request<PickupResult>('POST', '/supply/pickups', pickup);

export const getDashboard = (committeeId: string, periodId: string, signal?: AbortSignal) =>
  request<Dashboard>('GET', `/supply/committees/${id(committeeId)}/dashboard?periodId=${id(periodId)}`, undefined, { signal });

/** A body whose supply work the signed-in person does: a supply committee (JAP) or a
 *  district above them (a cordón, a region), with the supply offices held in it. */
export interface SupplyPlace {
  id: string;
  name: string;
  kind: string;
  /** `chair`, `supply_officer`; empty for an administrator's list of every committee. */
  offices: string[];
}

/** One request, whatever the size of the federation (administrators: every committee). */
export const listMine = (signal?: AbortSignal) => request<SupplyPlace[]>('GET', '/supply/mine', undefined, { signal });

export const RATION_METHODS = ['maxmin', 'proportional', 'priority'] as const;
export type RationMethod = (typeof RATION_METHODS)[number];

export interface DistrictDeliveryInput {
  /** The good's code or id. */
  good: string;
  quantity: number;
  /** The period whose first day the households are counted on. */
  periodId: string;
  method?: RationMethod;
  seed?: number;
}

export interface CommitteeShare {
  committeeId: string;
  name: string;
  households: number;
  need: number;
  share: number;
}

export interface DistrictDelivery {
  id: string;
  districtId: string;
  /** The good's code. */
  good: string;
  unit: Unit;
  quantity: number;
  method: RationMethod;
  seed: number;
  /** Σ of the shares: min(quantity, Σ need). */
  delivered: number;
  /** What no committee needs: it stays with whoever holds the delivery. */
  undistributed: number;
  committees: CommitteeShare[];
}

export const deliverToDistrict = (districtId: string, input: DistrictDeliveryInput, idempotencyKey: string) =>
  request<DistrictDelivery>('POST', `/supply/districts/${id(districtId)}/deliveries`, input, { idempotencyKey });

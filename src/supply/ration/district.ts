import { seededRandom } from '../../core/seeded.js';
import { allocateByLot, type ClaimColumns, type RationMethod } from './allocate.js';
import { drawLots } from './level.js';

export interface CommitteeClaims {
  committee: string;
  claims: ClaimColumns;
}

export interface CommitteeRations {
  committee: string;
  /** The committee's part of the delivery: Σ of its rations. */
  share: number;
  /** Its households' rations, in the order of its claims. */
  rations: Float64Array;
}

/**
 * A district splits a delivery among its committees, then each committee among its
 * households, by the same method both times. A committee claims the sum of its
 * households' needs and weights (for `priority`, separately for its special and its
 * other households, so no committee's ordinary households are served while another's
 * special ones wait).
 *
 * The same invariants as allocateRations hold for the committees' shares and for every
 * household's ration: Σ = min(stock, Σ need), nobody above need, and more stock never
 * lowers a share or a ration (each step is monotone in the stock it is given). Equal
 * households in different committees may differ by more than one unit, since each
 * committee rounds its own share; and under `maxmin` a household whose need is met
 * below the committee's level leaves the rest to its own committee, not the district.
 * Ties are broken by lots from one generator, seededRandom(seed): first one per
 * committee, then one per household, committee by committee in input order — none of it
 * depends on the stock.
 */
export function splitDelivery(stock: number, committees: readonly CommitteeClaims[], method: RationMethod, seed: number): CommitteeRations[] {
  const draw = seededRandom(seed);
  const m = committees.length;
  const parts = method === 'priority' ? 2 : 1;
  const need = new Float64Array(m * parts);
  const weight = new Float64Array(m * parts);
  const special = new Uint8Array(m * parts);
  committees.forEach(({ claims }, c) => {
    for (let i = 0; i < claims.need.length; i++) {
      const row = parts === 2 && !claims.special?.[i] ? 2 * c + 1 : parts * c;
      need[row] += claims.need[i]!;
      weight[row] += claims.weight[i]!;
    }
    if (parts === 2) special[2 * c] = 1;
  });
  const committeeLots = drawLots(m, draw);
  const rowLots = new Uint32Array(m * parts);
  for (let c = 0; c < m; c++) rowLots.fill(committeeLots[c]!, c * parts, (c + 1) * parts);
  const shares = allocateByLot(stock, { need, weight, special }, method, rowLots);

  return committees.map(({ committee, claims }, c) => {
    let share = 0;
    for (let p = 0; p < parts; p++) share += shares[c * parts + p]!;
    return { committee, share, rations: allocateByLot(share, claims, method, drawLots(claims.need.length, draw)) };
  });
}

/**
 * What a shortfall in one product means downstream. Pure.
 *
 * The rule (Leontief, fixed proportions, no substitution and no stocks: the pessimistic
 * first answer an operations room needs): if product p falls short by `amount` of its
 * planned output x_p, a share s = amount / x_p of every use of p goes unmet, spread in
 * proportion over all its uses; a product j that takes p as an input (a_pj > 0) can then
 * make only (1 − s) of its plan, and so on down the chain. With one shortfall every product
 * reachable from p through the input–output graph is at risk by the same share s, by
 * s·x_j units; the depth says how many steps away it is. A ration of a supply good made
 * of an affected product is at risk by the same share.
 */

/** The part of the plan's input–output model the impact needs (the plan module provides it). */
export interface IoView {
  /** Products that use `product` as an input, with a = units of `product` per unit of their output. */
  usersOf(product: string): readonly { product: string; a: number }[];
  /** The planned gross output of a product over the period looked at (0 or less: not planned). */
  output(product: string): number;
}

export interface ProductImpact {
  product: string;
  /** Steps from the product that falls short (1: uses it directly). */
  depth: number;
  /** The input through which it is reached first. */
  via: string;
  /** Share of its planned output at risk (0–1), and that output in its unit. */
  share: number;
  amount: number;
}

/** Rations of a good, per committee, and the product the good is. */
export interface RationHolding {
  good: string;
  product: string;
  committeeId: string;
  households: number;
  quantity: number;
}

export interface RationRisk extends RationHolding {
  /** The rations at risk, in the good's unit (rounded up: whole grams are short, not fractions). */
  atRisk: number;
}

export interface Impact {
  product: string;
  share: number;
  downstream: ProductImpact[];
  rations: RationRisk[];
  /** Households with a ration at risk, counted once per committee and good. */
  households: number;
}

export function shortfallImpact(io: IoView, shortfall: { product: string; amount: number }, holdings: readonly RationHolding[]): Impact {
  const planned = io.output(shortfall.product);
  const share = planned > 0 ? Math.min(1, Math.max(0, shortfall.amount) / planned) : shortfall.amount > 0 ? 1 : 0;
  const downstream: ProductImpact[] = [];
  const affected = new Set<string>([shortfall.product]);
  if (share > 0) {
    // breadth first, so each product is reported at its shortest distance
    let frontier = [shortfall.product];
    for (let depth = 1; frontier.length; depth++) {
      const next: string[] = [];
      for (const p of frontier)
        for (const u of io.usersOf(p)) {
          if (u.a <= 0 || affected.has(u.product)) continue;
          affected.add(u.product);
          next.push(u.product);
          downstream.push({ product: u.product, depth, via: p, share, amount: share * Math.max(0, io.output(u.product)) });
        }
      frontier = next;
    }
  }
  const rations = share > 0 ? holdings.filter((h) => affected.has(h.product)).map((h) => ({ ...h, atRisk: Math.ceil(h.quantity * share - 1e-9) })) : [];
  return { product: shortfall.product, share, downstream, rations, households: rations.reduce((n, r) => n + r.households, 0) };
}

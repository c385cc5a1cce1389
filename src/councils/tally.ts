/**
 * The tally of a motion decided by choice (yes/no/abstain, or one of several options).
 * Pure. Weights are in hundredths of a vote. Rules:
 *  - quorum: the weight cast (abstentions included) must reach `quorum` × the weight
 *    of the members entitled to vote when it closed;
 *  - the leading option passes when its weight is more than `threshold` × the base:
 *    base "cast" = weight cast for options other than abstention; base "members" =
 *    the entitled weight (so absence counts against);
 *  - a tie for the lead passes nothing.
 */
export interface ChoiceTally {
  /** Weight per option, in hundredths. */
  weights: number[];
  cast: number;
  entitled: number;
  quorate: boolean;
  /** The option adopted, or null. */
  adopted: number | null;
  /** What the leading option needed to exceed. */
  needed: number;
}

export function tallyChoice(
  votes: readonly { choice: number; weight: number }[],
  options: readonly string[],
  rule: { base: 'cast' | 'members'; threshold: number; quorum: number },
  entitled: number,
): ChoiceTally {
  const weights = options.map(() => 0);
  for (const v of votes) weights[v.choice]! += v.weight;
  const cast = weights.reduce((a, w) => a + w, 0);
  const abstain = options.findIndex((o) => o.toLowerCase() === 'abstain' || o.toLowerCase() === 'abstención');
  const decisive = cast - (abstain >= 0 ? weights[abstain]! : 0);
  // shares are floats (2/3, 0.35): compare with a tolerance far below one hundredth of a
  // vote, so an exact two thirds is not "more than two thirds" by a rounding accident
  const eps = 1e-9 * Math.max(1, entitled, cast);
  const quorate = cast + eps >= rule.quorum * entitled;
  const base = rule.base === 'cast' ? decisive : entitled;
  const needed = rule.threshold * base;
  let lead = -1;
  let tie = false;
  weights.forEach((w, i) => {
    if (i === abstain) return;
    if (lead < 0 || w > weights[lead]!) {
      lead = i;
      tie = false;
    } else if (w === weights[lead]) tie = true;
  });
  const adopted = quorate && lead >= 0 && !tie && weights[lead]! - needed > eps ? lead : null;
  return { weights, cast, entitled, quorate, adopted, needed };
}

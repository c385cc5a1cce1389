/**
 * The arithmetic of the desk, pure: what is left of an entitlement once the pickups
 * still waiting to be sent are counted, which lines a filled-in form sends, and which
 * good each of the server's refusals is about.
 */
import type { FieldError } from '../api.js';
import type { EntitlementLine, PickupLine } from './api.js';

/** The entitlement as it will stand once `queued` pickups (not yet on the server) are recorded. */
export function leftAfterQueue(lines: readonly EntitlementLine[], queued: readonly (readonly PickupLine[])[]): EntitlementLine[] {
  const taken = new Map<string, number>();
  for (const pickup of queued) for (const l of pickup) taken.set(l.good, (taken.get(l.good) ?? 0) + l.quantity);
  return lines.map((l) => {
    const q = Math.min(taken.get(l.good) ?? 0, l.left);
    return { ...l, collected: l.collected + q, left: l.left - q };
  });
}

/** The entitlement after a pickup the server recorded, from the `left` it answered per line. */
export function afterPickup(lines: readonly EntitlementLine[], recorded: readonly { good: string; left: number }[]): EntitlementLine[] {
  return lines.map((l) => {
    const r = recorded.find((x) => x.good === l.good);
    return r ? { ...l, left: r.left, collected: l.ration - r.left } : l;
  });
}

export type QuantityProblem = { kind: 'whole' } | { kind: 'beyond'; left: number };

/**
 * The lines a filled-in form sends: each good with a whole quantity ≥ 1 (an empty box or
 * 0 takes none of it), refused here when it is not a whole number or is more than is left.
 */
export function linesToSend(entitlement: readonly EntitlementLine[], typed: Readonly<Record<string, string>>): { lines: PickupLine[]; problems: Record<string, QuantityProblem> } {
  const lines: PickupLine[] = [];
  const problems: Record<string, QuantityProblem> = {};
  for (const e of entitlement) {
    const text = (typed[e.good] ?? '').replace(/\s/g, '');
    if (text === '' || /^0+$/.test(text)) continue;
    if (!/^\d+$/.test(text)) problems[e.good] = { kind: 'whole' };
    else if (Number(text) > e.left) problems[e.good] = { kind: 'beyond', left: e.left };
    else lines.push({ good: e.good, quantity: Number(text) });
  }
  return { lines, problems };
}

export interface LineRefusal {
  /** The server's words. */
  reason: string;
  /** What is left, when the server said (a pickup beyond the entitlement names it). */
  left: number | null;
}

/** The server's errors about lines (`lines/1/quantity`), by the code of the good on that line of `sent`. */
export function refusalsByGood(sent: readonly PickupLine[], errors: readonly FieldError[]): Record<string, LineRefusal> {
  const out: Record<string, LineRefusal> = {};
  for (const e of errors) {
    const m = /^(?:body\/)?lines\/(\d+)\//.exec(e.field);
    const line = m ? sent[Number(m[1])] : undefined;
    if (!line || out[line.good]) continue;
    const left = typeof e.max === 'number' ? e.max : Number(/\bonly (\d+) left\b/.exec(e.reason)?.[1] ?? NaN);
    out[line.good] = { reason: e.reason, left: Number.isFinite(left) ? left : null };
  }
  return out;
}

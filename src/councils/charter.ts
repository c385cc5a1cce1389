import { problem, type FieldError } from '../core/problem.js';

/**
 * A body's charter: how it sends delegates up and how they answer to it. Pure.
 * Everything has a default, so `{}` is a valid charter.
 */
export interface Charter {
  /** Delegates sent to the parent body: a fixed number, or one per `perMembers` members (at least one). */
  delegates: { fixed: number } | { perMembers: number };
  /** How this body's delegates' votes count in the parent: one each, or by constituency size. */
  weighting: 'equal' | 'constituency';
  /** Share of members who must vote for a decision to stand (0–1). */
  quorum: number;
  /** Counting method for electing this body's delegates. */
  electionMethod: 'stv' | 'irv' | 'plurality' | 'approval' | 'schulze';
  /** Days an election (or by-election) stays open. */
  electionDays: number;
  /** Recall: the share of the constituency whose withdrawn confidence ends a mandate
   *  at once. Default: an absolute majority (more than half). */
  recallShare: number;
  /** When a delegate votes against the base's imperative mandate, the mandate ends at once. */
  recallOnMandateBreach: boolean;
  /**
   * The alternative recall rule of recall laws: withdrawals are a petition; at
   * `petitionShare` of the members a recall vote opens (secret, `days` long), which
   * removes the delegate when more than `removalShare` of the votes cast say so and at
   * least `turnoutShare` of the members voted; after a failed vote no petition counts
   * for `cooldownDays`. Absent: the default instant recall by `recallShare`.
   */
  petition: { petitionShare: number; removalShare: number; turnoutShare: number; days: number; cooldownDays: number } | null;
  /** Delegates report back to their base at least every this many days (null: no rule). */
  reportBackDays: number | null;
  /** How votes are cast by default: the members of a base body in secret, the delegates
   *  in a council by name (roll-call), so that their base can hold them to a mandate.
   *  A motion may still say otherwise; elections and recall votes are always secret. */
  secrecy: { members: Secrecy; delegates: Secrecy };
  /** Monitoring: an alert opens when a day's output is below `tolerance` of its plan
   *  value (a share, 0–1), and an alert at this body must be acted on within
   *  `deadlineHours`, or it climbs to the parent body. */
  monitor: { tolerance: number; deadlineHours: number };
}

export type Secrecy = 'secret' | 'roll_call';

export const DEFAULT_CHARTER: Charter = {
  delegates: { fixed: 1 },
  weighting: 'equal',
  quorum: 0.5,
  electionMethod: 'stv',
  electionDays: 7,
  recallShare: 0.5,
  recallOnMandateBreach: false,
  petition: null,
  reportBackDays: null,
  secrecy: { members: 'secret', delegates: 'roll_call' },
  monitor: { tolerance: 0.9, deadlineHours: 24 },
};

/** Fills defaults and checks every field; the errors name `charter/<field>`. */
export function parseCharter(input: unknown): Charter {
  if (input !== undefined && input !== null && (typeof input !== 'object' || Array.isArray(input)))
    throw problem.invalid('charter', 'must be an object of charter fields');
  const raw = (input ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const out: Charter = { ...DEFAULT_CHARTER };
  const known = Object.keys(DEFAULT_CHARTER);
  for (const k of Object.keys(raw)) if (!known.includes(k)) errors.push({ field: `charter/${k}`, reason: 'is not a charter field' });
  if (raw.delegates !== undefined) {
    const d = raw.delegates as Record<string, unknown>;
    if (typeof d.fixed === 'number' && Number.isInteger(d.fixed) && d.fixed >= 1 && d.fixed <= 1000 && d.perMembers === undefined) out.delegates = { fixed: d.fixed };
    else if (typeof d.perMembers === 'number' && Number.isInteger(d.perMembers) && d.perMembers >= 1 && d.fixed === undefined) out.delegates = { perMembers: d.perMembers };
    else errors.push({ field: 'charter/delegates', reason: 'must be {"fixed": n} or {"perMembers": n} with n a whole number ≥ 1' });
  }
  if (raw.weighting !== undefined) {
    if (raw.weighting === 'equal' || raw.weighting === 'constituency') out.weighting = raw.weighting;
    else errors.push({ field: 'charter/weighting', reason: 'must be "equal" or "constituency"' });
  }
  for (const k of ['quorum', 'recallShare'] as const)
    if (raw[k] !== undefined) {
      const v = raw[k];
      if (typeof v === 'number' && v >= 0 && v < 1) out[k] = v;
      else errors.push({ field: `charter/${k}`, reason: 'must be a share from 0 up to (not including) 1' });
    }
  if (raw.electionMethod !== undefined) {
    const m = raw.electionMethod;
    if (m === 'stv' || m === 'irv' || m === 'plurality' || m === 'approval' || m === 'schulze') out.electionMethod = m;
    else errors.push({ field: 'charter/electionMethod', reason: 'must be one of stv, irv, plurality, approval, schulze' });
  }
  if (raw.electionDays !== undefined) {
    const v = raw.electionDays;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 365) out.electionDays = v;
    else errors.push({ field: 'charter/electionDays', reason: 'must be a whole number of days, 1–365' });
  }
  if (raw.recallOnMandateBreach !== undefined) {
    if (typeof raw.recallOnMandateBreach === 'boolean') out.recallOnMandateBreach = raw.recallOnMandateBreach;
    else errors.push({ field: 'charter/recallOnMandateBreach', reason: 'must be true or false' });
  }
  if (raw.petition !== undefined && raw.petition !== null) {
    const p = raw.petition as Record<string, unknown>;
    const share = (k: string, d: number) => {
      const v = p[k] ?? d;
      if (typeof v === 'number' && v >= 0 && v < 1) return v;
      errors.push({ field: `charter/petition/${k}`, reason: 'must be a share from 0 up to (not including) 1' });
      return d;
    };
    const days = (k: string, d: number, min: number) => {
      const v = p[k] ?? d;
      if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 3650) return v;
      errors.push({ field: `charter/petition/${k}`, reason: `must be a whole number of days, ${min}–3650` });
      return d;
    };
    for (const k of Object.keys(p))
      if (!['petitionShare', 'removalShare', 'turnoutShare', 'days', 'cooldownDays'].includes(k)) errors.push({ field: `charter/petition/${k}`, reason: 'is not a petition field' });
    out.petition = { petitionShare: share('petitionShare', 0.2), removalShare: share('removalShare', 0.5), turnoutShare: share('turnoutShare', 0.3), days: days('days', 7, 1), cooldownDays: days('cooldownDays', 90, 0) };
  }
  if (raw.reportBackDays !== undefined && raw.reportBackDays !== null) {
    const v = raw.reportBackDays;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 3650) out.reportBackDays = v;
    else errors.push({ field: 'charter/reportBackDays', reason: 'must be a whole number of days, 1–3650' });
  }
  if (raw.secrecy !== undefined) {
    const v = raw.secrecy as Record<string, unknown> | null;
    const ok = (x: unknown) => x === undefined || x === 'secret' || x === 'roll_call';
    if (v && typeof v === 'object' && !Array.isArray(v) && ok(v.members) && ok(v.delegates) && Object.keys(v).every((k) => k === 'members' || k === 'delegates'))
      out.secrecy = { members: (v.members as Secrecy | undefined) ?? 'secret', delegates: (v.delegates as Secrecy | undefined) ?? 'roll_call' };
    else errors.push({ field: 'charter/secrecy', reason: 'must be {"members": "secret"|"roll_call", "delegates": "secret"|"roll_call"}' });
  }
  if (raw.monitor !== undefined) {
    const v = raw.monitor as Record<string, unknown> | null;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const m = { ...DEFAULT_CHARTER.monitor };
      for (const k of Object.keys(v)) if (k !== 'tolerance' && k !== 'deadlineHours') errors.push({ field: `charter/monitor/${k}`, reason: 'is not a monitor field' });
      if (v.tolerance !== undefined) {
        if (typeof v.tolerance === 'number' && v.tolerance >= 0 && v.tolerance <= 1) m.tolerance = v.tolerance;
        else errors.push({ field: 'charter/monitor/tolerance', reason: 'must be a share from 0 to 1' });
      }
      if (v.deadlineHours !== undefined) {
        if (typeof v.deadlineHours === 'number' && Number.isInteger(v.deadlineHours) && v.deadlineHours >= 1 && v.deadlineHours <= 24 * 90) m.deadlineHours = v.deadlineHours;
        else errors.push({ field: 'charter/monitor/deadlineHours', reason: 'must be a whole number of hours, 1–2160' });
      }
      out.monitor = m;
    } else errors.push({ field: 'charter/monitor', reason: 'must be {"tolerance": share, "deadlineHours": n}' });
  }
  if (errors.length) throw problem.invalidMany(errors);
  return out;
}

/** How many seats a body with `members` members sends up. */
export function seatCount(charter: Charter, members: number): number {
  return 'fixed' in charter.delegates ? charter.delegates.fixed : Math.max(1, Math.ceil(members / charter.delegates.perMembers));
}

/**
 * Recall threshold: the number of withdrawals that ends a mandate — more than
 * `recallShare` of the constituency's members (an absolute majority by default).
 */
export function recallThreshold(charter: Charter, members: number): number {
  const exact = members * (charter.petition ? charter.petition.petitionShare : charter.recallShare);
  // 658,260 × 0.35 is 230,391 exactly, but 230,390.99999999997 in floating point:
  // a product within a hair of a whole number is that whole number
  const near = Math.round(exact);
  return (Math.abs(exact - near) < 1e-7 ? near : Math.floor(exact)) + 1;
}

/**
 * A household's counts on a given day, from its members' birth dates — derived, never
 * typed in. Ages follow the OECD scale the rations use: an adult is 14 or older, a child
 * 1–13, an infant under one. Pure.
 */
export interface MemberFacts {
  birthDate: string; // YYYY-MM-DD
  needs: readonly string[];
}

export interface HouseholdCountsOn {
  people: number;
  adults: number;
  children: number;
  infants: number;
  /** Children by age band: 1–4, 5–13; and the young adults 14–17. */
  bands: { '1-4': number; '5-13': number; '14-17': number };
  /** Members with each special need. */
  needs: Record<string, number>;
  /** Any special need in the household (served first by the `priority` method). */
  special: boolean;
}

/** Whole years from `birth` to `on` (both YYYY-MM-DD); someone born on 29 February turns a year older on 1 March. */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function countsOn(members: readonly MemberFacts[], on: string): HouseholdCountsOn {
  const c: HouseholdCountsOn = { people: 0, adults: 0, children: 0, infants: 0, bands: { '1-4': 0, '5-13': 0, '14-17': 0 }, needs: {}, special: false };
  for (const m of members) {
    const age = ageOn(m.birthDate, on);
    if (age < 0) continue; // not born yet on that day
    c.people++;
    if (age < 1) c.infants++;
    else if (age < 14) {
      c.children++;
      c.bands[age < 5 ? '1-4' : '5-13']++;
    } else {
      c.adults++;
      if (age < 18) c.bands['14-17']++;
    }
    for (const n of m.needs) c.needs[n] = (c.needs[n] ?? 0) + 1;
  }
  c.special = Object.keys(c.needs).length > 0 || c.infants > 0;
  return c;
}

/** A ranked ballot being filled in: the candidates in the voter's order of preference. Pure. */

/** Adds a candidate as the next preference (a candidate already ranked stays where it is). */
export function addPreference(ranking: readonly string[], candidate: string): string[] {
  return ranking.includes(candidate) ? [...ranking] : [...ranking, candidate];
}

export function removePreference(ranking: readonly string[], candidate: string): string[] {
  return ranking.filter((c) => c !== candidate);
}

/** Moves a candidate one place up (`-1`, towards first preference) or down (`+1`);
 *  at either end it stays. */
export function movePreference(ranking: readonly string[], candidate: string, by: -1 | 1): string[] {
  const from = ranking.indexOf(candidate);
  const to = from + by;
  if (from < 0 || to < 0 || to >= ranking.length) return [...ranking];
  const next = [...ranking];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** Supply's own words, translated: quantities with their units, household counts, special needs. */
import type { Language, MessageKey } from '../i18n.js';
import type { Translate } from '../language.js';
import type { HouseholdCounts, Unit } from './api.js';

const numbers = new Map<Language, Intl.NumberFormat>();

export function formatNumber(language: Language, n: number): string {
  let f = numbers.get(language);
  if (!f) numbers.set(language, (f = new Intl.NumberFormat(language === 'es' ? 'es-CL' : 'en-GB')));
  return f.format(n);
}

export const unitLabel = (t: Translate, unit: Unit) => t(`supply.unit.${unit}` as MessageKey);

/** `1.800 g`, `2 unid.`: whole units as the good counts them. */
export const formatQuantity = (t: Translate, language: Language, n: number, unit: Unit) => `${formatNumber(language, n)} ${unitLabel(t, unit)}`;

const plural = (t: Translate, key: string, n: number) => t(`${key}.${n === 1 ? 'one' : 'other'}` as MessageKey, { n });

/** "3 personas", then who they are: "2 adultos · 1 de 5 a 13 años · 1 menor de un año". */
export function householdMakeup(t: Translate, counts: HouseholdCounts): { people: string; bands: string[] } {
  const bands = [plural(t, 'supply.count.adults', counts.adults)];
  const b = counts.bands;
  if (b) {
    if (b['1-4']) bands.push(plural(t, 'supply.count.band1to4', b['1-4']));
    if (b['5-13']) bands.push(plural(t, 'supply.count.band5to13', b['5-13']));
  } else if (counts.children) bands.push(plural(t, 'supply.count.children', counts.children));
  if (counts.infants) bands.push(plural(t, 'supply.count.infants', counts.infants));
  return { people: plural(t, 'supply.count.people', counts.people), bands };
}

const NEEDS = ['pregnancy', 'infant', 'chronic_illness', 'disability'] as const;

/** A special need in words; one this app does not know yet, as written. */
export const needLabel = (t: Translate, code: string) =>
  (NEEDS as readonly string[]).includes(code) ? t(`supply.need.${code}` as MessageKey) : code.replaceAll('_', ' ');

const days = new Map<Language, Intl.DateTimeFormat>();
const dayFormat = (language: Language) => {
  let f = days.get(language);
  if (!f) days.set(language, (f = new Intl.DateTimeFormat(language === 'es' ? 'es-CL' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return f;
};
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** A calendar day (`2026-11-02`) as `2 nov 2026`, the same day wherever the device is. */
export function formatDay(language: Language, day: string): string {
  const d = asDate(day);
  return Number.isNaN(d.getTime()) ? day : dayFormat(language).format(d);
}

/** A period's days as briefly as the language allows: `2–8 nov 2026`. */
export function formatDays(language: Language, starts: string, ends: string): string {
  const [a, b] = [asDate(starts), asDate(ends)];
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return `${starts} – ${ends}`;
  return dayFormat(language).formatRange(a, b);
}

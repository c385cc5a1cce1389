/** A household as the desk shows it: its reference, how many and who (by age), special needs. */
import { useLanguage } from '../language.js';
import type { HouseholdCounts } from './api.js';
import { householdMakeup, needLabel } from './terms.js';

export function HouseholdSummary({ household, card }: { household: { ref: string; zone: string; counts: HouseholdCounts }; card: string }) {
  const { t } = useLanguage();
  const { ref: reference, zone, counts } = household;
  const { people, bands } = householdMakeup(t, counts);
  const needs = Object.entries(counts.needs ?? {});
  return (
    <div class="household" data-testid="household">
      <p class="household__title">
        <span class="household__ref">{t('supply.household.ref', { ref: reference })}</span>
        {zone && <span class="tag">{zone}</span>}
        <span class="household__card">{t('supply.household.card', { card })}</span>
      </p>
      <p class="household__counts">
        <strong>{people}</strong>
        {bands.map((b) => <span key={b}> · {b}</span>)}
      </p>
      {counts.special && (
        <p class="household__needs">
          <span class="badge badge--special">{t('supply.household.special')}</span>
          {needs.map(([code, n]) => <span key={code} class="tag">{needLabel(t, code)}{n > 1 ? ` ×${n}` : ''}</span>)}
        </p>
      )}
    </div>
  );
}

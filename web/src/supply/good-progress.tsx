/**
 * One good on the committee's dashboard: a bar as long as the households' need, filled
 * by what they collected, then what is allocated to them but not yet collected; what is
 * left over is the need the stock could not cover, hatched, so a shortage shows at a
 * glance. The words under it say the same for those who do not see the bar.
 */
import { useLanguage } from '../language.js';
import type { GoodProgress } from './api.js';
import { formatNumber, formatQuantity, unitLabel } from './terms.js';

const share = (part: number, whole: number) => `${Math.max(0, Math.min(100, (100 * part) / whole))}%`;

export function GoodProgressItem({ good }: { good: GoodProgress }) {
  const { t, language } = useLanguage();
  const q = (n: number) => formatQuantity(t, language, n, good.unit);
  const scale = Math.max(good.need, good.allocated, 1);
  const percent = good.allocated ? Math.round((100 * good.collected) / good.allocated) : 0;
  return (
    <li class="good-progress" data-good={good.good}>
      <h3 class="good-progress__name">{good.name} <span class="muted">({unitLabel(t, good.unit)})</span></h3>
      <div class="supply-bar" aria-hidden="true">
        <span class="supply-bar__collected" style={{ width: share(good.collected, scale) }} />
        <span class="supply-bar__allocated" style={{ width: share(good.allocated - good.collected, scale) }} />
        {good.unmet > 0 && <span class="supply-bar__unmet" style={{ width: share(good.unmet, scale) }} />}
      </div>
      <p class="good-progress__line" data-testid="progress">
        {t('supply.dashboard.collectedOf', { collected: q(good.collected), allocated: q(good.allocated), percent: formatNumber(language, percent) })}
      </p>
      <dl class="good-facts">
        <div><dt>{t('supply.dashboard.need')}</dt><dd>{q(good.need)}</dd></div>
        <div class={good.unmet > 0 ? 'good-facts__unmet' : undefined}><dt>{t('supply.dashboard.unmet')}</dt><dd>{q(good.unmet)}</dd></div>
        <div><dt>{t('supply.dashboard.stock')}</dt><dd>{q(good.stock)}</dd></div>
        <div><dt>{t('supply.dashboard.served')}</dt><dd>{t('supply.dashboard.servedOf', { served: formatNumber(language, good.served), households: formatNumber(language, good.households) })}</dd></div>
      </dl>
    </li>
  );
}

export function BarLegend() {
  const { t } = useLanguage();
  return (
    <ul class="bar-legend" aria-hidden="true">
      <li><span class="bar-legend__key supply-bar__collected" />{t('supply.dashboard.legendCollected')}</li>
      <li><span class="bar-legend__key supply-bar__allocated" />{t('supply.dashboard.legendAllocated')}</li>
      <li><span class="bar-legend__key supply-bar__unmet" />{t('supply.dashboard.legendUnmet')}</li>
    </ul>
  );
}

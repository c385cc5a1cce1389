/**
 * A district's delivery as shared out: the totals (shared out, not shared out, the
 * committees' need and what is still unmet), then a row per committee — households,
 * need, share — with its share drawn as a bar as long as its need, the need not met
 * hatched as on the committee dashboard. The percentage beside each bar says the same
 * in words, so the bar itself is hidden from screen readers.
 */
import type { Ref } from 'preact';
import type { MessageKey } from '../i18n.js';
import { useLanguage } from '../language.js';
import { bodyHref } from '../routes.js';
import type { DistrictDelivery, Good } from './api.js';
import { percentOf, sharesTable } from './district-delivery.js';
import { formatNumber, formatQuantity } from './terms.js';

const width = (fraction: number) => `${Math.max(0, Math.min(100, 100 * fraction))}%`;

export function DeliveryShares({ delivery, good, headingRef }: { delivery: DistrictDelivery; good: Good; headingRef: Ref<HTMLHeadingElement> }) {
  const { t, language } = useLanguage();
  const q = (n: number) => formatQuantity(t, language, n, delivery.unit);
  const table = sharesTable(delivery, language === 'es' ? 'es' : 'en');
  const n = table.rows.length;
  const percent = (fraction: number) => t('supply.district.percent', { percent: formatNumber(language, percentOf(fraction)) });
  return (
    <section class="delivery-result" aria-labelledby="delivery-result-heading" data-testid="delivery-result">
      <h2 id="delivery-result-heading" ref={headingRef} tabIndex={-1}>{t('supply.district.resultHeading')}</h2>
      <p class="delivery-result__summary" role="status">
        {t(n === 1 ? 'supply.district.resultSummary.one' : 'supply.district.resultSummary.other', { good: good.name, delivered: q(table.delivered), committees: formatNumber(language, n) })}
      </p>
      <dl class="good-facts delivery-result__totals">
        <div><dt>{t('supply.district.delivered')}</dt><dd data-testid="delivered">{q(table.delivered)}</dd></div>
        <div class={table.undistributed > 0 ? 'delivery-result__left' : undefined}>
          <dt>{t('supply.district.undistributed')}</dt><dd data-testid="undistributed">{q(table.undistributed)}</dd>
        </div>
        <div><dt>{t('supply.district.totalNeed')}</dt><dd>{q(table.need)}</dd></div>
        <div class={table.unmet > 0 ? 'good-facts__unmet' : undefined}><dt>{t('supply.district.unmet')}</dt><dd>{q(table.unmet)}</dd></div>
      </dl>
      {table.undistributed > 0 && <p class="muted">{t('supply.district.undistributedHint')}</p>}

      <ul class="bar-legend" aria-hidden="true">
        <li><span class="bar-legend__key supply-bar__collected" />{t('supply.district.legendShare')}</li>
        <li><span class="bar-legend__key supply-bar__unmet" />{t('supply.district.legendUnmet')}</li>
      </ul>
      <table class="shares">
        <thead>
          <tr>
            <th scope="col">{t('supply.district.committee')}</th>
            <th scope="col">{t('supply.district.households')}</th>
            <th scope="col">{t('supply.district.need')}</th>
            <th scope="col">{t('supply.district.share')}</th>
            <th scope="col" class="shares__bar-head">{t('supply.district.ofNeed')}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.committeeId} data-committee={r.committeeId}>
              <th scope="row" class="shares__name"><a href={bodyHref(r.committeeId)}>{r.name}</a></th>
              <td data-label={t('supply.district.households')} data-testid="households">{formatNumber(language, r.households)}</td>
              <td data-label={t('supply.district.need')} data-testid="need">{q(r.need)}</td>
              <td data-label={t('supply.district.share')} data-testid="share" class="shares__share">{q(r.share)}</td>
              <td data-label={t('supply.district.ofNeed')} class="shares__of-need">
                {r.ofNeed === null ? (
                  <span class="muted">{t('supply.district.needsNothing')}</span>
                ) : (
                  <span class="shares__bar-cell">
                    <span class="supply-bar shares__bar" aria-hidden="true">
                      <span class="supply-bar__collected" style={{ width: width(r.ofNeed) }} />
                      {r.unmet > 0 && <span class="supply-bar__unmet" style={{ width: width(1 - r.ofNeed) }} />}
                    </span>
                    <span class="shares__percent" data-testid="percent">{percent(r.ofNeed)}</span>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('supply.district.total')}</th>
            <td data-label={t('supply.district.households')}>{formatNumber(language, table.households)}</td>
            <td data-label={t('supply.district.need')}>{q(table.need)}</td>
            <td data-label={t('supply.district.share')} class="shares__share">{q(table.delivered)}</td>
            <td data-label={t('supply.district.ofNeed')} class="shares__of-need">
              {table.need > 0 && <span class="shares__bar-cell"><span class="shares__bar" /><span class="shares__percent" data-testid="total-percent">{percent(table.delivered / table.need)}</span></span>}
            </td>
          </tr>
        </tfoot>
      </table>
      <p class="muted delivery-result__how">
        {t('supply.district.how', { method: t(`supply.district.method.${delivery.method}` as MessageKey), seed: String(delivery.seed) })}
      </p>
    </section>
  );
}

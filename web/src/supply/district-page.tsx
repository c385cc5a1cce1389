/**
 * A district's deliveries (`#/supply/districts/<id>`), for its officers (chair, supply
 * officer) and administrators: a delivery of one good in the open period is shared out
 * among every supply committee under the district by their households' need, and the
 * shares are shown committee by committee.
 */
import { useRef, useState } from 'preact/hooks';
import type { Person } from '../auth.js';
import { getBody } from '../councils/api.js';
import { useDocumentTitle } from '../document-title.js';
import { useLanguage } from '../language.js';
import { useLoad } from '../load.js';
import { describeError } from '../problem-message.js';
import { bodyHref, dashboardHref } from '../routes.js';
import { listGoods, listMine, type DistrictDelivery, type Good, type Period } from './api.js';
import { DeliveryForm } from './delivery-form.js';
import { DeliveryShares } from './delivery-shares.js';
import { goodsOf, openPeriod } from './desk-setup.js';
import './supply.css';

interface View {
  name: string;
  isCommittee: boolean;
  period: Period | null;
  goods: Good[];
  /** Whether the person may record deliveries here (unknown to the page: the server decides). */
  officer: boolean;
}

async function loadView(districtId: string, person: Person, signal: AbortSignal): Promise<View> {
  const [body, period, goods, mine] = await Promise.all([
    getBody(districtId, signal),
    openPeriod(signal),
    listGoods(signal),
    person.isAdmin ? Promise.resolve([]) : listMine(signal),
  ]);
  return {
    name: body.name,
    isCommittee: body.kind === 'supply_committee',
    period,
    goods: goodsOf(period, goods),
    officer: person.isAdmin || mine.some((p) => p.id === districtId),
  };
}

export function DistrictPage({ districtId, person }: { districtId: string; person: Person }) {
  const { t } = useLanguage();
  const [state] = useLoad(`${districtId}:${person.id}`, (signal) => loadView(districtId, person, signal));
  const [delivery, setDelivery] = useState<{ result: DistrictDelivery; good: Good } | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const view = state.status === 'ready' ? state.data : null;
  useDocumentTitle(view ? t('supply.district.title', { district: view.name }) : t('supply.district.heading'));

  function delivered(result: DistrictDelivery, good: Good) {
    setDelivery({ result, good });
    // After the render that shows it: the shares are what the officer came for.
    requestAnimationFrame(() => resultRef.current?.focus());
  }

  return (
    <article class="page district">
      <p class="crumb">
        <a href="#/supply">{t('supply.backToCommittees')}</a>
        {view && <> · <a href={bodyHref(districtId)}>{t('supply.dashboard.bodyPage')}</a></>}
      </p>
      <h1 tabIndex={-1}>{view ? view.name : t('supply.district.heading')}</h1>
      <p class="desk__meta">{t('supply.district.heading')}</p>
      {state.status === 'loading' && <p class="muted" role="status">{t('app.loading')}</p>}
      {state.status === 'failed' && (
        <div class="form-alert" role="alert"><p class="form-alert__title">{t('supply.district.loadFailed')} {describeError(state.error, t)}</p></div>
      )}
      {view && (view.isCommittee ? (
        <p class="notice">{t('supply.district.isCommittee')} <a href={dashboardHref(districtId)}>{t('supply.committees.dashboard')}</a></p>
      ) : (
        <>
          <p class="lead">{t('supply.district.intro')}</p>
          {!view.officer && <p class="notice">{t('supply.district.notOfficer')}</p>}
          {!view.period ? (
            <p class="notice">{t('supply.district.noPeriod')}</p>
          ) : view.goods.length === 0 ? (
            <p class="notice">{t('supply.district.noPeriodGoods')}</p>
          ) : (
            <DeliveryForm districtId={districtId} period={view.period} goods={view.goods} onDelivered={delivered} />
          )}
          {delivery && <DeliveryShares delivery={delivery.result} good={delivery.good} headingRef={resultRef} />}
        </>
      ))}
    </article>
  );
}

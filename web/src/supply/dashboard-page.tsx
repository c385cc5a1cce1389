/**
 * A supply committee's dashboard (`#/supply/<committeeId>`), for its officers: per good
 * of the open period the stock, the households' need, what was allocated and collected
 * (as bars) and the need not met; the day's pickups; the way to the desk.
 */
import { ApiError } from '../api.js';
import { useDocumentTitle } from '../document-title.js';
import { useLanguage } from '../language.js';
import { useLiveEvents } from '../live.js';
import { useLoad } from '../load.js';
import { describeError } from '../problem-message.js';
import { bodyHref, deskHref } from '../routes.js';
import { getBody } from '../councils/api.js';
import { currentPeriod, getDashboard, type Dashboard } from './api.js';
import { BarLegend, GoodProgressItem } from './good-progress.js';
import { OfflineBadge } from './offline-badge.js';
import { formatDays, formatNumber, formatQuantity } from './terms.js';
import './supply.css';

interface View {
  name: string;
  dashboard: Dashboard | null;
}

async function loadView(committeeId: string, signal: AbortSignal): Promise<View> {
  const body = await getBody(committeeId, signal);
  try {
    const period = await currentPeriod(signal);
    return { name: body.name, dashboard: await getDashboard(committeeId, period.id, signal) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'no_period') return { name: body.name, dashboard: null };
    throw error;
  }
}

const time = (language: string, iso: string) =>
  new Intl.DateTimeFormat(language === 'es' ? 'es-CL' : 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

export function DashboardPage({ committeeId }: { committeeId: string }) {
  const { t, language } = useLanguage();
  const [state, reload] = useLoad(committeeId, (signal) => loadView(committeeId, signal));
  useLiveEvents(['supply.pickup'], reload);
  const view = state.status === 'ready' ? state.data : null;
  useDocumentTitle(view ? view.name : t('supply.dashboard.heading'));
  const d = view?.dashboard ?? null;

  return (
    <article class="page dashboard">
      <p class="crumb">
        <a href="#/supply">{t('supply.backToCommittees')}</a>
        {view && <> · <a href={bodyHref(committeeId)}>{t('supply.dashboard.bodyPage')}</a></>}
      </p>
      <h1 tabIndex={-1}>{view ? view.name : t('supply.dashboard.heading')}</h1>
      <div class="dashboard__bar">
        <p class="desk__meta">
          {t('supply.dashboard.heading')}
          {d && <> · {d.period.name} ({formatDays(language, d.period.starts, d.period.ends)})</>}
        </p>
        <OfflineBadge />
        <a class="button button--primary dashboard__desk" href={deskHref(committeeId)}>{t('supply.dashboard.openDesk')}</a>
      </div>
      {state.status === 'loading' && <p class="muted" role="status">{t('app.loading')}</p>}
      {state.status === 'failed' && (
        <div class="form-alert" role="alert"><p class="form-alert__title">{t('supply.dashboard.loadFailed')} {describeError(state.error, t)}</p></div>
      )}
      {view && !d && <p class="notice">{t('supply.desk.noPeriod')}</p>}
      {d && (
        <>
          <section aria-labelledby="goods-heading">
            <h2 id="goods-heading">{t('supply.dashboard.goodsHeading')}</h2>
            <BarLegend />
            {d.goods.length === 0 ? <p class="muted">{t('supply.dashboard.noGoods')}</p> : (
              <ul class="good-progress-list">{d.goods.map((g) => <GoodProgressItem key={g.good} good={g} />)}</ul>
            )}
          </section>
          <section aria-labelledby="today-heading">
            <h2 id="today-heading">{t('supply.dashboard.todayHeading')}</h2>
            <p class="dashboard__today" data-testid="pickups-today">{t(d.pickupsToday === 1 ? 'supply.dashboard.pickupsToday.one' : 'supply.dashboard.pickupsToday.other', { n: formatNumber(language, d.pickupsToday) })}</p>
            {d.recentPickups.length > 0 && (
              <ul class="recent">
                {d.recentPickups.map((p) => (
                  <li key={p.id}>
                    <span class="recent__time">{time(language, p.at)}</span>
                    <span class="recent__point">{p.point}</span>
                    <span class="recent__lines">
                      {p.lines.map((l) => {
                        const g = d.goods.find((x) => x.good === l.good);
                        return `${g?.name ?? l.good} ${formatQuantity(t, language, l.quantity, g?.unit ?? 'piece')}`;
                      }).join(' · ')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </article>
  );
}

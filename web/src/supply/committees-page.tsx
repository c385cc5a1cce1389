/**
 * The supply section (`#/supply`): the committees (JAP) the signed-in person runs, each
 * with its dashboard and its desk, and the districts (cordones, regions) where she holds
 * a supply office, each with its deliveries — all from one `GET /supply/mine`.
 */
import type { Person } from '../auth.js';
import type { BodyKind } from '../councils/api.js';
import { kindLabel, officeLabel } from '../councils/terms.js';
import { useLanguage } from '../language.js';
import { useLoad } from '../load.js';
import { describeError } from '../problem-message.js';
import { bodyHref, dashboardHref, deskHref, districtHref } from '../routes.js';
import { listMine, type SupplyPlace } from './api.js';
import './supply.css';

const isCommittee = (p: SupplyPlace) => p.kind === 'supply_committee';

export function CommitteesPage({ person }: { person: Person }) {
  const { t } = useLanguage();
  const [state] = useLoad(person.id, listMine);
  const committees = state.status === 'ready' ? state.data.filter(isCommittee) : [];
  const districts = state.status === 'ready' ? state.data.filter((p) => !isCommittee(p)) : [];
  const offices = (p: SupplyPlace) => p.offices.map((o) => officeLabel(t, o)).join(', ');
  return (
    <article class="page">
      <h1 tabIndex={-1}>{t('supply.heading')}</h1>
      <p class="lead">{t('supply.summary')}</p>
      <h2>{t('supply.committees.heading')}</h2>
      {state.status === 'loading' && <p class="muted" role="status">{t('app.loading')}</p>}
      {state.status === 'failed' && <div class="form-alert" role="alert"><p class="form-alert__title">{describeError(state.error, t)}</p></div>}
      {state.status === 'ready' && (committees.length === 0 ? (
        <p class="notice">{t('supply.committees.none')}</p>
      ) : (
        <ul class="committee-list">
          {committees.map((c) => (
            <li key={c.id} class="committee">
              <p class="committee__name"><a href={bodyHref(c.id)}>{c.name}</a></p>
              <p class="committee__links">
                <a class="button button--primary" href={deskHref(c.id)}>{t('supply.committees.desk')}</a>
                <a class="button button--quiet" href={dashboardHref(c.id)}>{t('supply.committees.dashboard')}</a>
              </p>
            </li>
          ))}
        </ul>
      ))}
      {districts.length > 0 && (
        <section aria-labelledby="districts-heading">
          <h2 id="districts-heading">{t('supply.districts.heading')}</h2>
          <ul class="committee-list">
            {districts.map((d) => (
              <li key={d.id} class="committee committee--district">
                <p class="committee__name"><a href={bodyHref(d.id)}>{d.name}</a></p>
                <p class="committee__meta muted">{kindLabel(t, d.kind as BodyKind)}{d.offices.length > 0 && <> · {offices(d)}</>}</p>
                <p class="committee__links">
                  <a class="button button--primary" href={districtHref(d.id)}>{t('supply.districts.deliver')}</a>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>{t('supply.description')}</p>
    </article>
  );
}

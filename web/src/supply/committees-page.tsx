/**
 * The supply section (`#/supply`): the committees (JAP) the signed-in person runs, each
 * with its dashboard and its desk. The API has no "my offices", so each committee's
 * members are read (a few at a time) to find where the person is an officer or the chair.
 */
import type { Person } from '../auth.js';
import { getBody, listBodies, type BodySummary } from '../councils/api.js';
import { useLanguage } from '../language.js';
import { useLoad } from '../load.js';
import { describeError } from '../problem-message.js';
import { bodyHref, dashboardHref, deskHref } from '../routes.js';
import { runsCommittee } from './desk-setup.js';
import './supply.css';

const IN_FLIGHT = 6;

async function committeesRunBy(person: Person, signal: AbortSignal): Promise<BodySummary[]> {
  const committees = (await listBodies(signal)).filter((b) => b.kind === 'supply_committee');
  if (person.isAdmin) return committees;
  const run: BodySummary[] = [];
  for (let i = 0; i < committees.length; i += IN_FLIGHT) {
    const batch = committees.slice(i, i + IN_FLIGHT);
    const details = await Promise.all(batch.map((c) => getBody(c.id, signal)));
    details.forEach((d, k) => runsCommittee(d, person) && run.push(batch[k]!));
  }
  return run;
}

export function CommitteesPage({ person }: { person: Person }) {
  const { t } = useLanguage();
  const [state] = useLoad(person.id, (signal) => committeesRunBy(person, signal));
  return (
    <article class="page">
      <h1 tabIndex={-1}>{t('supply.heading')}</h1>
      <p class="lead">{t('supply.summary')}</p>
      <h2>{t('supply.committees.heading')}</h2>
      {state.status === 'loading' && <p class="muted" role="status">{t('app.loading')}</p>}
      {state.status === 'failed' && <div class="form-alert" role="alert"><p class="form-alert__title">{describeError(state.error, t)}</p></div>}
      {state.status === 'ready' && (state.data.length === 0 ? (
        <p class="notice">{t('supply.committees.none')}</p>
      ) : (
        <ul class="committee-list">
          {state.data.map((c) => (
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
      <p>{t('supply.description')}</p>
    </article>
  );
}

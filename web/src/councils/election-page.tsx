/**
 * An election of a body's delegates (`#/elections/<id>`): candidates, status and
 * window; while nominations are open, standing (and, for the chair, opening the vote);
 * while the vote is open, the ranked ballot and then the receipt; once counted, the
 * elected and the count stage by stage. Any receipt can be checked here.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import type { Person } from '../auth.js';
import { formatDate } from '../dates.js';
import { useDocumentTitle } from '../document-title.js';
import type { MessageKey } from '../i18n.js';
import { useLanguage } from '../language.js';
import { useLiveEvents } from '../live.js';
import { useLoad } from '../load.js';
import { describeError } from '../problem-message.js';
import { bodyHref } from '../routes.js';
import { countVotes, getElection, openVoting, standForElection, type Election } from './api.js';
import { BallotForm } from './ballot-form.js';
import { isMemberOf, loadBody, type BodyView } from './body-page.js';
import { phaseOf } from './phase.js';
import { ReceiptBox, ReceiptChecker } from './receipt.js';
import { StageTable } from './stage-table.js';
import { countOf, methodLabel } from './terms.js';

async function loadElection(id: string, signal: AbortSignal) {
  const election = await getElection(id, signal);
  return { election, constituency: await loadBody(election.constituencyId, signal) };
}

export function ElectionPage({ id, person }: { id: string; person: Person }) {
  const { t } = useLanguage();
  const [state, reload] = useLoad(id, (signal) => loadElection(id, signal));
  useLiveEvents(['councils.election', 'councils.recall'], reload);
  useDocumentTitle(state.status === 'ready' ? t('election.heading', { body: state.data.constituency.body.name }) : t('election.headingShort'));

  const data = state.status === 'ready' ? state.data : null;
  // The heading stays the same element while the page loads (see BodyPage).
  return (
    <article class="page">
      <p class="crumb">
        <a href="#/councils">{t('body.backToFederation')}</a>
        {data && <> · <a href={bodyHref(data.constituency.body.id)}>{data.constituency.body.name}</a></>}
      </p>
      <h1 tabIndex={-1}>{data ? t('election.heading', { body: data.constituency.body.name }) : t('election.headingShort')}</h1>
      {data && <ElectionContent election={data.election} view={data.constituency} person={person} reload={reload} />}
      {state.status === 'loading' && <p class="muted" role="status">{t('app.loading')}</p>}
      {state.status === 'failed' && (
        <div class="form-alert" role="alert"><p class="form-alert__title">{t('election.loadFailed')} {describeError(state.error, t)}</p></div>
      )}
    </article>
  );
}

function ElectionContent({ election, view, person, reload }: { election: Election; view: BodyView; person: Person; reload: () => void }) {
  const { t, language } = useLanguage();
  const [receipt, setReceipt] = useState<string | null>(null);
  const [checkRequest, setCheckRequest] = useState(0);
  const [action, setAction] = useState<{ busy: boolean; message: string; failed: boolean }>({ busy: false, message: '', failed: false });
  const { body, parent } = view;
  const member = isMemberOf(view, person.id);
  const me = body.members.find((m) => m.personId === person.id);
  // A higher body's offices are not in its member list: let its members try, the server decides.
  const mayChair = me ? me.offices.includes('chair') : member;
  const phase = phaseOf(election, Date.now());
  const standing = election.candidates.some((c) => c.personId === person.id);
  const elected = new Set(election.elected ?? []);
  const seats = election.seatIds.length;

  async function run(call: () => Promise<unknown>, done: MessageKey) {
    if (action.busy) return;
    setAction({ busy: true, message: '', failed: false });
    try {
      await call();
      setAction({ busy: false, message: t(done), failed: false });
      reload();
    } catch (caught) {
      setAction({ busy: false, message: describeError(caught instanceof ApiError ? caught : new ApiError(0, {}), t), failed: true });
    }
  }

  return (
    <>
      <p class="lead">
        {parent
          ? t('election.lead', { body: body.name, seats: countOf(t, 'count.seats', seats), parent: parent.name })
          : t('election.leadNoParent', { body: body.name, seats: countOf(t, 'count.seats', seats) })}
      </p>

      <dl class="facts">
        <div><dt>{t('election.statusLabel')}</dt><dd><span class={`status status--${phase}`}>{t(`election.phase.${phase}` as MessageKey)}</span></dd></div>
        {election.opensAt && election.closesAt && (
          <div><dt>{t('election.windowLabel')}</dt><dd>{t('election.window', { opens: formatDate(language, election.opensAt), closes: formatDate(language, election.closesAt) })}</dd></div>
        )}
        <div><dt>{t('election.methodLabel')}</dt><dd>{methodLabel(t, election.method)}</dd></div>
      </dl>

      <section aria-labelledby="candidates-heading">
        <h2 id="candidates-heading">{t('election.candidatesHeading')}</h2>
        {election.candidates.length === 0 ? (
          <p class="muted">{t('election.noCandidates')}</p>
        ) : (
          <ul class="candidate-list">
            {election.candidates.map((c) => (
              <li key={c.personId} class={elected.has(c.personId) ? 'candidate candidate--elected' : 'candidate'}>
                <span>{c.displayName}</span>
                {c.personId === person.id && <span class="muted"> {t('body.you')}</span>}
                {elected.has(c.personId) && <span class="badge badge--elected">{t('election.elected')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {phase === 'counted' && (
        <section aria-labelledby="result-heading" class="result">
          <h2 id="result-heading">{t('election.resultHeading')}</h2>
          <p>
            {elected.size === 0
              ? t('election.noneElected')
              : t('election.electedList', { names: election.candidates.filter((c) => elected.has(c.personId)).map((c) => c.displayName).join(', ') })}
          </p>
          <p class="muted">{t('election.published')} <a href={`/elections/${encodeURIComponent(election.id)}/ballots`}>{t('election.publishedLink')}</a></p>
          <StageTable election={election} />
        </section>
      )}

      {(phase === 'nominating' || phase === 'closed') && member && (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t(phase === 'nominating' ? 'election.nominationsHeading' : 'election.countHeading')}</h2>
          <p class="muted">{t(phase === 'nominating' ? 'election.nominationsIntro' : 'election.countIntro')}</p>
          <div class="recall__buttons">
            {phase === 'nominating' && !standing && (
              <button type="button" class="button button--primary" aria-disabled={action.busy} onClick={() => run(() => standForElection(election.id), 'election.stood')}>{t('election.stand')}</button>
            )}
            {phase === 'nominating' && mayChair && (
              <button type="button" class="button button--quiet" aria-disabled={action.busy} onClick={() => run(() => openVoting(election.id), 'election.opened')}>{t('election.open')}</button>
            )}
            {phase === 'closed' && (
              <button type="button" class="button button--primary" aria-disabled={action.busy} onClick={() => run(() => countVotes(election.id), 'election.counted')}>{t('election.count')}</button>
            )}
          </div>
          <p role="status" class={action.failed ? 'field__error' : 'outcome-line'}>{action.message}</p>
        </section>
      )}

      {phase === 'voting' && !receipt && (
        member
          ? <BallotForm election={election} onCast={setReceipt} />
          : <p class="notice">{t('election.notMember', { body: body.name })}</p>
      )}
      {receipt && <ReceiptBox receipt={receipt} onCheck={() => setCheckRequest((n) => n + 1)} />}

      {(phase === 'voting' || phase === 'closed' || phase === 'counted') && (
        <ReceiptChecker election={election} prefill={receipt ?? ''} prefillKey={checkRequest} />
      )}
    </>
  );
}

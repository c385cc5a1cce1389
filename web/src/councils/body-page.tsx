/**
 * One body of the federation (`#/councils/<id>`): what it is and where it sits, the
 * delegates it sends up with their confidence bars (and, for its members, the means to
 * withdraw confidence), its elections (and calling one), its motions (and proposing one), and its members.
 */
import type { Person } from '../auth.js';
import { formatDate } from '../dates.js';
import { useDocumentTitle } from '../document-title.js';
import { useLanguage } from '../language.js';
import { useLiveEvents } from '../live.js';
import { useLoad } from '../load.js';
import { describeError } from '../problem-message.js';
import { bodyHref, dashboardHref, deskHref, districtHref, electionHref } from '../routes.js';
import { runsCommittee, runsDistrict } from '../supply/desk-setup.js';
import {
  getBody, getDelegation, listChildren, listElections, listMotions,
  type BodyDetail, type BodySummary, type Delegation, type ElectionSummary, type Motion,
} from './api.js';
import { CallElection } from './call-election.js';
import { MotionsSection } from './motions-section.js';
import { SeatHolder } from './delegation.js';
import { RecallActions } from './recall-actions.js';
import { countOf, kindLabel, methodLabel, officeLabel, statusLabel } from './terms.js';

export interface BodyView {
  body: BodyDetail;
  parent: BodyDetail | null;
  delegation: Delegation;
  elections: ElectionSummary[];
  /** Newest first. */
  motions: Motion[];
  /** The bodies that send delegates here, each with its delegation. */
  children: { body: BodySummary; delegation: Delegation }[];
}

export async function loadBody(id: string, signal: AbortSignal): Promise<BodyView> {
  const [body, delegation, elections, motions, kids] = await Promise.all([
    getBody(id, signal), getDelegation(id, signal), listElections(id, signal), listMotions(id, signal), listChildren(id, signal),
  ]);
  const [parent, children] = await Promise.all([
    body.parentId ? getBody(body.parentId, signal) : Promise.resolve(null),
    Promise.all(kids.map(async (child) => ({ body: child, delegation: await getDelegation(child.id, signal) }))),
  ]);
  return { body, parent, delegation, elections, motions, children };
}

/** A member of a base body is in its membership; a member of a higher body holds a seat in it. */
export function isMemberOf(view: BodyView, personId: string): boolean {
  return view.body.members.some((m) => m.personId === personId)
    || view.children.some((c) => c.delegation.seats.some((s) => s.bodyId === view.body.id && s.holder?.personId === personId));
}

export function BodyPage({ id, person }: { id: string; person: Person }) {
  const { t } = useLanguage();
  const [state, reload] = useLoad(id, (signal) => loadBody(id, signal));
  useLiveEvents(['councils.recall', 'councils.election', 'councils.motion'], reload);
  useDocumentTitle(state.status === 'ready' ? state.data.body.name : t('body.heading'));

  const view = state.status === 'ready' ? state.data : null;
  // The heading stays the same element while the page loads, so the focus the shell
  // gives it after navigation is not lost when the name arrives.
  return (
    <article class="page">
      <p class="crumb">
        <a href="#/councils">{t('body.backToFederation')}</a>
        {view?.parent && <> · <a href={bodyHref(view.parent.id)}>{view.parent.name}</a></>}
      </p>
      <h1 tabIndex={-1}>{view ? view.body.name : t('body.heading')}</h1>
      {state.status === 'ready' && <BodyContent view={state.data} person={person} reload={reload} />}
      {state.status === 'loading' && <p class="muted" role="status">{t('app.loading')}</p>}
      {state.status === 'failed' && (
        <div class="form-alert" role="alert">
          <p class="form-alert__title">{t('body.loadFailed')} {describeError(state.error, t)}</p>
        </div>
      )}
    </article>
  );
}

function BodyContent({ view, person, reload }: { view: BodyView; person: Person; reload: () => void }) {
  const { t, language } = useLanguage();
  const { body, parent, delegation, elections, children } = view;
  const member = isMemberOf(view, person.id);
  const pending = (seatId: string) => elections.find((e) => e.status !== 'counted' && e.seatIds.includes(seatId));
  const seatNumber = new Map(delegation.seats.map((s) => [s.seatId, s.number]));

  return (
    <>
      <p class="body-meta">
        <span class="tag">{kindLabel(t, body.kind)}</span>
        <span>{countOf(t, 'count.members', delegation.members)}</span>
        {parent ? (
          <span>{t('body.partOf')} <a href={bodyHref(parent.id)}>{parent.name}</a></span>
        ) : (
          <span>{t('body.top')}</span>
        )}
        {member && <span class="badge badge--member">{t('body.youAreMember')}</span>}
      </p>
      {runsCommittee(body, person) && (
        <p class="body-actions">
          <a class="button button--primary" href={dashboardHref(body.id)}>{t('supply.committees.dashboard')}</a>
          <a class="button button--quiet" href={deskHref(body.id)}>{t('supply.committees.desk')}</a>
        </p>
      )}
      {runsDistrict(body, person) && (
        <p class="body-actions">
          <a class="button button--primary" href={districtHref(body.id)}>{t('supply.districts.deliver')}</a>
        </p>
      )}

      {parent && (
        <section aria-labelledby="delegation-heading">
          <h2 id="delegation-heading">{t('body.delegationHeading', { parent: parent.name })}</h2>
          <p class="muted">
            {t('body.recallRule', { threshold: delegation.recallThreshold, members: delegation.members })}
          </p>
          {delegation.seats.length === 0 ? (
            <p class="notice">{t('delegation.none')}</p>
          ) : (
            <ul class="seat-cards">
              {delegation.seats.map((seat) => {
                const election = seat.holder ? undefined : pending(seat.seatId);
                return (
                  <li key={seat.seatId} class="seat-card">
                    <SeatHolder seat={seat} delegation={delegation} numbered={delegation.seats.length > 1} me={person.id} />
                    {seat.holder && <p class="muted seat__since">{t('seat.since', { date: formatDate(language, seat.holder.since, false) })}</p>}
                    {election && (
                      <p class="seat__election">
                        <a href={electionHref(election.id)}>{t('seat.byElection', { status: statusLabel(t, election.status) })}</a>
                      </p>
                    )}
                    {member && (
                      <RecallActions seat={seat} delegation={delegation} body={body} parent={parent} onChange={reload} />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="elections-heading">
        <h2 id="elections-heading">{t('body.electionsHeading')}</h2>
        {elections.length === 0 ? (
          <p class="muted">{t('body.noElections')}</p>
        ) : (
          <ul class="election-list">
            {elections.map((e) => (
              <li key={e.id} class={`election-item election-item--${e.status}`}>
                <p class="election-item__title">
                  <a href={electionHref(e.id)}>{statusLabel(t, e.status)}</a>
                  <span class="tag">{methodLabel(t, e.method)}</span>
                </p>
                <p class="muted">
                  {t(e.seatIds.length === 1 ? 'election.seatOne' : 'election.seatsList', { seats: e.seatIds.map((s) => seatNumber.get(s) ?? '?').join(', ') })}
                  {e.opensAt && e.closesAt && <> · {t('election.window', { opens: formatDate(language, e.opensAt), closes: formatDate(language, e.closesAt) })}</>}
                </p>
              </li>
            ))}
          </ul>
        )}
        {member && parent && <CallElection bodyId={body.id} members={body.members} />}
      </section>

      <MotionsSection bodyId={body.id} motions={view.motions} member={member} />

      {children.length > 0 && (
        <section aria-labelledby="delegates-heading">
          <h2 id="delegates-heading">{t('body.delegatesHeading')}</h2>
          <p class="muted">{t('body.delegatesIntro')}</p>
          <ul class="seat-cards">
            {children.map(({ body: from, delegation: d }) => (
              <li key={from.id} class="seat-card">
                <p class="seat-card__from"><a href={bodyHref(from.id)}>{from.name}</a> <span class="tag">{kindLabel(t, from.kind)}</span></p>
                {d.seats.length === 0 ? (
                  <p class="muted">{t('delegation.none')}</p>
                ) : (
                  d.seats.map((seat) => <SeatHolder key={seat.seatId} seat={seat} delegation={d} numbered={d.seats.length > 1} me={person.id} />)
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {body.members.length > 0 && (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">{t('body.membersHeading')}</h2>
          <ul class="member-list">
            {body.members.map((m) => (
              <li key={m.personId}>
                <span class="member-list__name">
                  {m.displayName}
                  {m.personId === person.id && <span class="muted"> {t('body.you')}</span>}
                </span>
                {m.offices.map((o) => <span key={o} class="tag tag--office">{officeLabel(t, o)}</span>)}
                <span class="muted member-list__since">{t('member.since', { date: formatDate(language, m.since, false) })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

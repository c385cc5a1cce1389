/**
 * A motion (`#/motions/<id>`): its text, options, rule in words and window; while the
 * vote is open, the vote (one option, or a ranking of them) for the body's members and
 * the receipt of a secret vote; once the window has passed, closing it; once closed,
 * the tally as bars (or the Schulze order), the roll call of a vote by name, and
 * forwarding an adopted motion to the body above. The chair of a base whose delegates
 * sit in the motion's body can mandate them while a vote by name is open. Amendments
 * (`amendments.tsx`) are listed and proposed here; while one is open the vote waits.
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
import { bodyHref, motionHref } from '../routes.js';
import {
  closeMotion, forwardMotion, getBody, getMotion, mandateDelegates,
  type BodyDetail, type ChoiceResult, type Motion, type RankingResult, type VoteOutcome,
} from './api.js';
import { amendmentPending } from './amendment.js';
import { AmendedMotion, AmendmentsSection } from './amendments.js';
import { isMemberOf, loadBody, type BodyView } from './body-page.js';
import { isChoiceResult, motionPhase, optionLabel, percent, ruleWords, votes } from './motion-rule.js';
import { VoteForm } from './motion-vote.js';
import { ReceiptBox } from './receipt.js';

interface MotionView {
  motion: Motion;
  view: BodyView;
  /** The bases sending delegates to the motion's body that this person chairs. */
  chaired: BodyDetail[];
  /** The motion an amendment amends (null when this is no amendment, or it failed to load). */
  amended: Motion | null;
}

async function loadMotion(id: string, personId: string, signal: AbortSignal): Promise<MotionView> {
  const motion = await getMotion(id, signal);
  const [view, amended] = await Promise.all([
    loadBody(motion.bodyId, signal),
    // an amendment's page shows the text it would replace; without it, it still shows its own
    motion.amends ? getMotion(motion.amends, signal).catch(() => null) : null,
  ]);
  // Mandates are given on open votes by name decided by choice: only then look for the
  // bases whose chair this person is.
  const mandatable = motion.status === 'open' && !motion.secret && motion.kind === 'choice' && view.children.length > 0;
  const chaired = mandatable
    ? (await Promise.all(view.children.map((c) => getBody(c.body.id, signal))))
      .filter((b) => b.members.some((m) => m.personId === personId && m.offices.includes('chair')))
    : [];
  return { motion, view, chaired, amended };
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, {}));

export function MotionPage({ id, person }: { id: string; person: Person }) {
  const { t } = useLanguage();
  const [state, reload] = useLoad(id, (signal) => loadMotion(id, person.id, signal));
  useLiveEvents(['councils.motion'], reload);
  useDocumentTitle(state.status === 'ready' ? state.data.motion.title : t('motion.heading'));

  const data = state.status === 'ready' ? state.data : null;
  // The heading stays the same element while the page loads (see BodyPage).
  return (
    <article class="page">
      <p class="crumb">
        <a href="#/councils">{t('body.backToFederation')}</a>
        {data && <> · <a href={bodyHref(data.view.body.id)}>{data.view.body.name}</a></>}
      </p>
      <h1 tabIndex={-1}>{data ? data.motion.title : t('motion.heading')}</h1>
      {data && <MotionContent data={data} person={person} reload={reload} />}
      {state.status === 'loading' && <p class="muted" role="status">{t('app.loading')}</p>}
      {state.status === 'failed' && (
        <div class="form-alert" role="alert"><p class="form-alert__title">{t('motion.loadFailed')} {describeError(state.error, t)}</p></div>
      )}
    </article>
  );
}

function MotionContent({ data, person, reload }: { data: MotionView; person: Person; reload: () => void }) {
  const { t, language } = useLanguage();
  const { motion, view, chaired, amended } = data;
  const { body, parent } = view;
  const [outcome, setOutcome] = useState<VoteOutcome | null>(null);
  const [action, setAction] = useState<{ busy: boolean; message: string; failed: boolean }>({ busy: false, message: '', failed: false });
  const member = isMemberOf(view, person.id);
  const me = body.members.find((m) => m.personId === person.id);
  // A higher body's offices are not in its member list: let its members try, the server decides.
  const mayChair = me ? me.offices.includes('chair') : member;
  const phase = motionPhase(motion, Date.now());
  // Amendments are settled before the question is put: the vote waits for them.
  const held = phase === 'voting' && amendmentPending(motion);
  const result = motion.status === 'closed' ? motion.result : null;
  const label = (i: number) => optionLabel(t, motion.options[i] ?? '?');

  async function run(call: () => Promise<unknown>, done: string, after?: (value: unknown) => void) {
    if (action.busy) return;
    setAction({ busy: true, message: '', failed: false });
    try {
      const value = await call();
      setAction({ busy: false, message: done, failed: false });
      if (after) after(value);
      else reload();
    } catch (caught) {
      setAction({ busy: false, message: describeError(asApiError(caught), t), failed: true });
    }
  }

  return (
    <>
      <p class="body-meta">
        <span>{t('motion.in', { body: body.name })}</span>
        <span class="tag">{t(motion.secret ? 'motion.secret' : 'motion.byName')}</span>
      </p>

      <dl class="facts">
        <div><dt>{t('motion.statusLabel')}</dt><dd><span class={`status status--motion-${held ? 'held' : phase}`}>{t(held ? 'motion.phase.held' : `motion.phase.${phase}` as MessageKey)}</span></dd></div>
        <div><dt>{t('motion.windowLabel')}</dt><dd>{t('motion.window', { opens: formatDate(language, motion.opensAt), closes: formatDate(language, motion.closesAt) })}</dd></div>
        <div class="facts__wide"><dt>{t('motion.ruleLabel')}</dt><dd>{ruleWords(t, motion)}</dd></div>
      </dl>

      {motion.forwardedFrom && (
        <p class="muted">{t('motion.forwardedFrom')} <a href={motionHref(motion.forwardedFrom)}>{t('motion.forwardedFromLink')}</a></p>
      )}

      {amended ? (
        <AmendedMotion amendment={motion} amended={amended} />
      ) : (
        <div class="motion__text" data-testid="motion-text">{motion.text.trim() ? motion.text : <p class="muted">{t('motion.noText')}</p>}</div>
      )}

      <AmendmentsSection motion={motion} member={member} voted={outcome !== null} onProposed={reload} />

      {!result && !(phase === 'voting' && member && !outcome) && (
        <section aria-labelledby="options-heading">
          <h2 id="options-heading">{t('motion.optionsHeading')}</h2>
          <ul class="candidate-list">
            {motion.options.map((_, i) => <li key={i} class="candidate">{label(i)}</li>)}
          </ul>
        </section>
      )}

      {phase === 'voting' && !outcome && (
        member
          ? <VoteForm motion={motion} held={held} onVoted={(o) => { setOutcome(o); reload(); }} onHeld={reload} />
          : <p class="notice motion__note">{t('motion.notMember', { body: body.name })}</p>
      )}
      {outcome?.receipt && <ReceiptBox receipt={outcome.receipt} why={t('motion.receiptWhy')} />}
      {outcome && !outcome.receipt && (
        <div class={outcome.breach ? 'outcome outcome--recalled' : 'outcome'} role="status">
          <p class="outcome__title">{t('motion.voted')}</p>
          {outcome.breach && <p>{t(outcome.recalled ? 'motion.recalled' : 'motion.breach')}</p>}
        </div>
      )}

      {phase === 'ended' && member && (
        <section aria-labelledby="close-heading">
          <h2 id="close-heading">{t('motion.closeHeading')}</h2>
          <p>{t('motion.closeIntro')}</p>
          <button type="button" class="button button--primary" aria-disabled={action.busy} onClick={() => run(() => closeMotion(motion.id), t('motion.closed'))}>
            {t('motion.close')}
          </button>
        </section>
      )}

      {result && <ResultView motion={motion} result={result} />}

      {!motion.secret && motion.rollCall && <RollCall motion={motion} />}

      {result && result.adopted !== null && parent && mayChair && (
        <section aria-labelledby="forward-heading">
          <h2 id="forward-heading">{t('motion.forwardHeading')}</h2>
          <p>{t('motion.forwardIntro', { parent: parent.name })}</p>
          <button
            type="button"
            class="button button--quiet"
            aria-disabled={action.busy}
            onClick={() => run(() => forwardMotion(motion.id), '', (m) => { location.hash = motionHref((m as Motion).id); })}
          >
            {t('motion.forward')}
          </button>
        </section>
      )}

      {phase === 'voting' && chaired.map((base) => <MandateForm key={base.id} motion={motion} base={base} />)}

      {(action.message || action.failed) && (
        <p role="status" class={action.failed ? 'field__error' : 'outcome-line'}>{action.message}</p>
      )}
    </>
  );
}

function ResultView({ motion, result }: { motion: Motion; result: ChoiceResult | RankingResult }) {
  const { t, language } = useLanguage();
  const label = (i: number) => optionLabel(t, motion.options[i] ?? '?');
  const choice = isChoiceResult(result) ? result : null;
  const headline = !result.quorate
    ? t('motion.resultNoQuorum')
    : result.adopted !== null
      ? t('motion.resultAdopted', { option: label(result.adopted) })
      : choice
        ? t('motion.resultNotAdopted', { needed: votes(language, choice.needed) })
        : t('motion.resultNotAdoptedRanking');

  return (
    <section aria-labelledby="result-heading" class="result">
      <h2 id="result-heading">{t('motion.resultHeading')}</h2>
      <p class={result.adopted !== null ? 'verdict verdict--adopted' : 'verdict'} data-testid="motion-verdict">{headline}</p>
      <p class="muted">
        {t('motion.turnout', { cast: votes(language, result.cast), entitled: votes(language, result.entitled) })}{' '}
        {t(result.quorate ? 'motion.quorumMet' : 'motion.quorumMissed', { percent: percent(motion.quorum) })}
      </p>
      {choice ? (
        <ul class="tally" aria-label={t('motion.tallyLabel')}>
          {choice.weights.map((w, i) => {
            const share = choice.cast > 0 ? w / choice.cast : 0;
            const adopted = choice.adopted === i;
            return (
              <li key={i} class={adopted ? 'tally__row tally__row--adopted' : 'tally__row'}>
                <span class="tally__label">
                  {label(i)}
                  {adopted && <span class="badge badge--elected">{t('motion.adoptedMark')}</span>}
                </span>
                <span class="tally__count">
                  {t(w === 100 ? 'motion.optionVotesOne' : 'motion.optionVotes', { votes: votes(language, w), percent: percent(share) })}
                </span>
                <span class="tally__track" aria-hidden="true"><span class="tally__fill" style={{ width: `${100 * share}%` }} /></span>
              </li>
            );
          })}
        </ul>
      ) : (
        <>
          <h3>{t('motion.orderHeading')}</h3>
          <ol class="order">
            {(result as RankingResult).order.map((name, i) => (
              <li key={name} class={i === 0 && result.adopted !== null ? 'order__first' : undefined}>{optionLabel(t, name)}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function RollCall({ motion }: { motion: Motion }) {
  const { t, language } = useLanguage();
  const rows = motion.rollCall ?? [];
  return (
    <section aria-labelledby="rollcall-heading">
      <h2 id="rollcall-heading">{t('motion.rollCallHeading')}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t('motion.rollCallNone')}</p>
      ) : (
        <div class="table-wrap">
          <table class="rollcall">
            <thead>
              <tr><th scope="col">{t('motion.rollCallName')}</th><th scope="col">{t('motion.rollCallChoice')}</th><th scope="col">{t('motion.rollCallWeight')}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.personId}>
                  <th scope="row">{r.displayName}</th>
                  <td>{r.choice === null ? t('motion.rollCallRanked') : optionLabel(t, motion.options[r.choice] ?? '?')}</td>
                  <td>{votes(language, r.weight)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MandateForm({ motion, base }: { motion: Motion; base: BodyDetail }) {
  const { t } = useLanguage();
  const [choice, setChoice] = useState(0);
  const [state, setState] = useState<{ busy: boolean; message: string; failed: boolean }>({ busy: false, message: '', failed: false });
  const idBase = `mandate-${base.id}`;

  async function submit(event: Event) {
    event.preventDefault();
    if (state.busy) return;
    setState({ busy: true, message: '', failed: false });
    try {
      await mandateDelegates(base.id, motion.id, choice);
      setState({ busy: false, message: t('motion.mandated', { base: base.name, option: optionLabel(t, motion.options[choice]!) }), failed: false });
    } catch (caught) {
      setState({ busy: false, message: describeError(asApiError(caught), t), failed: true });
    }
  }

  return (
    <section aria-labelledby={`${idBase}-heading`} class="mandate">
      <h2 id={`${idBase}-heading`}>{t('motion.mandateHeading', { base: base.name })}</h2>
      <p>{t('motion.mandateIntro', { base: base.name })}</p>
      <form class="mandate__form" onSubmit={submit} noValidate>
        <div class="field">
          <label for={`${idBase}-choice`}>{t('motion.mandateChoice')}</label>
          <select id={`${idBase}-choice`} value={choice} onChange={(e) => setChoice(Number(e.currentTarget.value))}>
            {motion.options.map((o, i) => <option key={i} value={i}>{optionLabel(t, o)}</option>)}
          </select>
        </div>
        <button type="submit" class="button button--quiet" aria-disabled={state.busy}>{t('motion.mandate')}</button>
      </form>
      <p role="status" class={state.failed ? 'field__error' : 'outcome-line'}>{state.message}</p>
    </section>
  );
}

/**
 * A member's say over one of their delegates: withdraw confidence (after a confirm step
 * that says what happens at the threshold) or restore it, and what came of it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { useLanguage } from '../language.js';
import { useLoad } from '../load.js';
import { describeError, serverDetail } from '../problem-message.js';
import { electionHref } from '../routes.js';
import { getBody, restoreConfidence, withdrawConfidence, type BodyDetail, type Delegation, type RecallOutcome, type Seat } from './api.js';

/** The server does not say whether this person has withdrawn: we learn it from what they do. */
type Mine = 'unknown' | 'withdrawn' | 'confident';

type Result =
  | { kind: 'withdrawn'; name: string; outcome: RecallOutcome }
  | { kind: 'restored'; name: string; withdrawals: number; threshold: number }
  | { kind: 'failed'; message: string; detail: string };

interface Props {
  seat: Seat;
  delegation: Delegation;
  body: BodyDetail;
  parent: BodyDetail;
  onChange: () => void;
}

export function RecallActions({ seat, delegation, body, parent, onChange }: Props) {
  const { t } = useLanguage();
  const [mine, setMine] = useState<Mine>('unknown');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const withdrawRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const holder = seat.holder;
  const decisive = seat.withdrawals + 1 >= delegation.recallThreshold;
  const idBase = `recall-${seat.seatId}`;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  // When the seat changes hands (a recall by others, a by-election), what this person
  // did about the last holder no longer applies: only their own recall's outcome stays.
  const holderId = holder?.personId;
  useEffect(() => {
    setMine('unknown');
    setConfirming(false);
    setResult((r) => (r?.kind === 'withdrawn' && r.outcome.vacated.length > 0 ? r : null));
  }, [holderId]);

  function fail(error: unknown) {
    const e = error instanceof ApiError ? error : new ApiError(0, {});
    if (e.code === 'already_withdrawn') setMine('withdrawn');
    if (e.code === 'not_withdrawn') setMine('confident');
    setResult({ kind: 'failed', message: describeError(e, t), detail: serverDetail(e) });
  }

  async function act(run: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setResult(null);
    try {
      await run();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
      setConfirming(false);
      onChange();
      // The buttons may be gone (a recalled seat has none): the result is where the person continues.
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  }

  const name = holder?.displayName ?? '';
  const withdraw = () =>
    act(async () => {
      const outcome = await withdrawConfidence(seat.seatId);
      setMine('withdrawn');
      setResult({ kind: 'withdrawn', name, outcome });
    });

  const restore = () =>
    act(async () => {
      const { withdrawals } = await restoreConfidence(seat.seatId);
      setMine('confident');
      setResult({ kind: 'restored', name, withdrawals, threshold: delegation.recallThreshold });
    });

  if (!holder && !result) return null;

  return (
    <div class="recall">
      {holder && !confirming && (
        <div class="recall__buttons">
          {mine !== 'withdrawn' && (
            <button ref={withdrawRef} type="button" class="button button--danger" onClick={() => setConfirming(true)} aria-describedby={`${idBase}-state`}>
              {t('recall.withdraw')}
            </button>
          )}
          {mine !== 'confident' && (
            <button type="button" class="button button--quiet" onClick={restore} aria-disabled={busy} aria-describedby={`${idBase}-state`}>
              {t('recall.restore')}
            </button>
          )}
          <p id={`${idBase}-state`} class="recall__state muted">
            {mine === 'withdrawn' ? t('recall.stateWithdrawn') : mine === 'confident' ? t('recall.stateConfident') : t('recall.stateUnknown')}
          </p>
        </div>
      )}

      {holder && confirming && (
        <div ref={confirmRef} class="recall__confirm" role="group" aria-labelledby={`${idBase}-confirm`} tabIndex={-1}>
          <p id={`${idBase}-confirm`} class="recall__question">{t('recall.confirmQuestion', { name })}</p>
          <p>{t('recall.confirmExplain', { threshold: delegation.recallThreshold, members: delegation.members, body: body.name, name, parent: parent.name })}</p>
          {decisive && <p class="recall__decisive"><strong>{t('recall.decisive')}</strong></p>}
          <div class="recall__buttons">
            <button type="button" class="button button--danger" onClick={withdraw} aria-disabled={busy} aria-busy={busy}>
              {busy ? t('recall.sending') : t('recall.confirm')}
            </button>
            <button type="button" class="button button--quiet" onClick={() => { setConfirming(false); requestAnimationFrame(() => withdrawRef.current?.focus()); }}>
              {t('action.cancel')}
            </button>
          </div>
        </div>
      )}

      <div ref={resultRef} tabIndex={-1} class="recall__result" role="status" aria-live="polite">
        {result && <ResultView result={result} body={body} parent={parent} />}
      </div>
    </div>
  );
}

function ResultView({ result, body, parent }: { result: Result; body: BodyDetail; parent: BodyDetail }) {
  const { t } = useLanguage();
  if (result.kind === 'failed')
    return (
      <div class="form-alert">
        <p class="form-alert__title">{result.message}</p>
        {result.detail && result.detail !== result.message && <p class="form-alert__detail">{t('error.serverSays')} {result.detail}</p>}
      </div>
    );
  if (result.kind === 'restored')
    return <p class="outcome">{t('recall.restored', { name: result.name, n: result.withdrawals, threshold: result.threshold })}</p>;
  const { outcome } = result;
  if (!outcome.vacated.length)
    return <p class="outcome">{t('recall.withdrawn', { name: result.name, n: outcome.withdrawals, threshold: outcome.threshold })}</p>;
  return <RecallDone name={result.name} outcome={outcome} body={body} parent={parent} />;
}

/** The mandate ended: the seats lost (the cascade up) and the by-elections opened for them. */
function RecallDone({ name, outcome, body, parent }: { name: string; outcome: RecallOutcome; body: BodyDetail; parent: BodyDetail }) {
  const { t } = useLanguage();
  const known = new Map([[body.id, body.name], [parent.id, parent.name]]);
  const unknown = [...new Set(outcome.vacated.map((v) => v.bodyId))].filter((id) => !known.has(id));
  const [names] = useLoad(unknown.join(','), async (signal) => Promise.all(unknown.map((id) => getBody(id, signal))));
  if (names.status === 'ready') for (const b of names.data) known.set(b.id, b.name);
  const nameOf = (id: string) => known.get(id) ?? t('body.heading');

  return (
    <div class="outcome outcome--recalled" data-testid="recall-outcome">
      <p class="outcome__title">{t('recall.recalled', { name, n: outcome.withdrawals, threshold: outcome.threshold })}</p>
      <p>{t('recall.vacatedIntro')}</p>
      <ul>
        {outcome.vacated.map((v, i) => (
          <li key={v.seatId}>{t(i === 0 ? 'recall.vacatedSeat' : 'recall.vacatedCascade', { body: nameOf(v.bodyId) })}</li>
        ))}
      </ul>
      {outcome.byElections.length > 0 && (
        <>
          <p>{t('recall.byElectionsIntro')}</p>
          <ul>
            {outcome.byElections.map((id, i) => {
              // By-election i fills vacated seat i, elected by the body that sends it:
              // this body for the first, then each body the recalled delegate sat in.
              const constituency = i === 0 ? body.id : outcome.vacated[i - 1]?.bodyId;
              const seatBody = outcome.vacated[i]?.bodyId;
              return (
                <li key={id}>
                  <a href={electionHref(id)}>
                    {t('recall.byElection', { constituency: constituency ? nameOf(constituency) : '', body: seatBody ? nameOf(seatBody) : '' })}
                  </a>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}

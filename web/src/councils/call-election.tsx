/**
 * Calling an election of a body's delegates (on the body page, for its members; the
 * server lets only the chair do it): the members standing, the counting method and the
 * days of voting. With nobody checked the election opens for nominations first.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { useLanguage } from '../language.js';
import { describeError, serverDetail } from '../problem-message.js';
import { electionHref } from '../routes.js';
import { callElection, METHODS, type Member, type Method } from './api.js';
import { methodLabel } from './terms.js';

export function CallElection({ bodyId, members }: { bodyId: string; members: readonly Member[] }) {
  const { t } = useLanguage();
  const [open, setOpen] = useState(false);
  return (
    <div class="propose">
      <button type="button" class="button button--quiet" aria-expanded={open} aria-controls="call-election-form" onClick={() => setOpen(!open)}>
        {t('callElection.open')}
      </button>
      {open && <CallElectionForm bodyId={bodyId} members={members} />}
    </div>
  );
}

function CallElectionForm({ bodyId, members }: { bodyId: string; members: readonly Member[] }) {
  const { t } = useLanguage();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [method, setMethod] = useState<Method>('stv');
  const [days, setDays] = useState('7');
  const [daysError, setDaysError] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; detail: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const daysRef = useRef<HTMLInputElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  function toggle(personId: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(personId);
    else next.delete(personId);
    setChosen(next);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 365) {
      setDaysError(t('motion.daysInvalid'));
      daysRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      // In the order of the member list, not of the clicks.
      const candidates = members.map((m) => m.personId).filter((p) => chosen.has(p));
      const created = await callElection(bodyId, { candidates, method, days: n });
      location.hash = electionHref(created.id);
    } catch (caught) {
      const e = caught instanceof ApiError ? caught : new ApiError(0, {});
      setFailure({ message: describeError(e, t), detail: serverDetail(e) });
      setBusy(false);
    }
  }

  return (
    <form id="call-election-form" class="form propose__form" onSubmit={submit} aria-labelledby="call-election-heading" noValidate>
      <h3 id="call-election-heading" ref={headingRef} tabIndex={-1}>{t('callElection.heading')}</h3>
      <p class="muted">{t('callElection.intro')}</p>

      <fieldset class="choices">
        <legend>{t('callElection.candidatesLegend')}</legend>
        <p class="muted field__hint">{t('callElection.candidatesHint')}</p>
        {members.length === 0 && <p class="muted">{t('callElection.noMembers')}</p>}
        {members.map((m) => (
          <label key={m.personId} class="choice">
            <input type="checkbox" name="call-candidates" value={m.personId} checked={chosen.has(m.personId)}
              onChange={(e) => toggle(m.personId, e.currentTarget.checked)} />
            <span>{m.displayName}</span>
          </label>
        ))}
      </fieldset>

      <fieldset class="choices">
        <legend>{t('election.methodLabel')}</legend>
        {METHODS.map((m) => (
          <label key={m} class="choice">
            <input type="radio" name="call-method" value={m} checked={method === m} onChange={() => setMethod(m)} />
            <span>{methodLabel(t, m)}</span>
          </label>
        ))}
      </fieldset>

      <div class="field field--short">
        <label for="call-days">{t('callElection.days')}</label>
        <input id="call-days" ref={daysRef} type="number" inputMode="numeric" min={1} max={365} value={days}
          onInput={(e) => { setDays(e.currentTarget.value); setDaysError(''); }}
          aria-invalid={daysError ? true : undefined} aria-describedby={daysError ? 'call-days-error' : undefined} />
        {daysError && <p id="call-days-error" class="field__error">{daysError}</p>}
      </div>

      <div class="form-alert-region" aria-live="assertive" aria-atomic="true">
        {failure && (
          <div class="form-alert" role="alert">
            <p class="form-alert__title">{t('callElection.failed')} {failure.message}</p>
            {failure.detail && failure.detail !== failure.message && <p class="form-alert__detail">{t('error.serverSays')} {failure.detail}</p>}
          </div>
        )}
      </div>

      <div>
        <button type="submit" class="button button--primary" aria-disabled={busy} aria-busy={busy}>
          {busy ? t('callElection.calling') : t(chosen.size === 0 ? 'callElection.submitNominations' : 'callElection.submit')}
        </button>
      </div>
    </form>
  );
}

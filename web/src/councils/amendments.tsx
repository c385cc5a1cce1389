/**
 * Amendments on a motion's page: the list (title linking to the amendment, where it is
 * voted on; its state; the text it proposes, or for an adopted one the text it replaced
 * struck through beside the new), and for members, while the motion takes amendments,
 * the form to propose one, its textarea holding the motion's text to be edited. On an
 * amendment's own page, `AmendedMotion` shows the motion it amends and both texts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { formatDate } from '../dates.js';
import { useLanguage } from '../language.js';
import { describeError, fieldErrors, serverDetail } from '../problem-message.js';
import { motionHref } from '../routes.js';
import { proposeMotion, type Amendment, type Motion } from './api.js';
import { amendmentDaysLeft, amendmentState, mayAmend } from './amendment.js';

export function AmendmentsSection({ motion, member, voted, onProposed }: { motion: Motion; member: boolean; voted: boolean; onProposed: () => void }) {
  const { t } = useLanguage();
  const [proposing, setProposing] = useState(false);
  const [started, setStarted] = useState(false);
  const [done, setDone] = useState(false);
  const amendments = motion.amendments ?? [];
  const now = Date.now();
  const open = motion.status === 'open' && !motion.amends && !motion.grantsOffice && !voted && !started;
  const may = member && open && mayAmend(motion, now);
  const tooLate = member && open && (motion.rollCall ?? []).length === 0 && !may && now < Date.parse(motion.closesAt);
  if (amendments.length === 0 && !may && !tooLate && !started) return null;

  return (
    <section aria-labelledby="amendments-heading" class="amendments">
      <h2 id="amendments-heading">{t('amendment.heading')}</h2>
      <p class="muted">{t('amendment.intro')}</p>
      {amendments.length === 0 ? (
        <p class="muted">{t('amendment.none')}</p>
      ) : (
        <ol class="amendment-list">
          {amendments.map((a) => <AmendmentItem key={a.id} amendment={a} />)}
        </ol>
      )}
      {may && (
        <div class="propose">
          <button type="button" class="button button--quiet" aria-expanded={proposing} aria-controls="amend-form" onClick={() => { setProposing(!proposing); setDone(false); }}>
            {t('amendment.proposeOpen')}
          </button>
          {proposing && (
            <AmendForm
              motion={motion}
              onProposed={() => { setProposing(false); setDone(true); onProposed(); }}
              onVotingStarted={() => { setProposing(false); setStarted(true); }}
            />
          )}
        </div>
      )}
      {tooLate && <p class="muted">{t('amendment.tooLate')}</p>}
      <p role="status" class={started ? 'field__error' : 'outcome-line'}>
        {started ? t('problem.voting_started') : done ? t('amendment.proposed') : ''}
      </p>
    </section>
  );
}

function AmendmentItem({ amendment: a }: { amendment: Amendment }) {
  const { t, language } = useLanguage();
  const state = amendmentState(a);
  const words = state === 'open'
    ? t('amendment.state.open', { closes: formatDate(language, a.closesAt) })
    : state === 'adopted'
      ? t('amendment.state.adopted', { date: formatDate(language, a.appliedAt!) })
      : t('amendment.state.rejected');
  return (
    <li class={`amendment amendment--${state}`}>
      <p class="amendment__title"><a href={motionHref(a.id)}>{a.title}</a></p>
      <p class="amendment__meta"><span class={`status status--amendment-${state}`}>{words}</span></p>
      {state === 'adopted' ? (
        <TextChange before={a.replacedText ?? ''} after={a.text} beforeLabel={t('amendment.replacedText')} afterLabel={t('amendment.adoptedText')} struck />
      ) : (
        <div class="compare__side">
          <p class="compare__label">{t('amendment.proposedText')}</p>
          <p class="compare__text">{a.text}</p>
        </div>
      )}
    </li>
  );
}

/** Two texts side by side (stacked on a phone): the old one, struck through once replaced, and the new. */
export function TextChange({ before, after, beforeLabel, afterLabel, struck = false }: { before: string; after: string; beforeLabel: string; afterLabel: string; struck?: boolean }) {
  const { t } = useLanguage();
  const old = before.trim() ? before : t('motion.noText');
  return (
    <div class="compare">
      <div class="compare__side compare__side--before">
        <p class="compare__label">{beforeLabel}</p>
        {struck ? <del class="compare__text">{old}</del> : <p class="compare__text">{old}</p>}
      </div>
      <div class="compare__side compare__side--after">
        <p class="compare__label">{afterLabel}</p>
        {struck ? <ins class="compare__text">{after}</ins> : <p class="compare__text">{after}</p>}
      </div>
    </div>
  );
}

/** On an amendment's page: the motion it amends, and its text beside the one proposed
 *  (or, once adopted, the text it replaced, struck through). */
export function AmendedMotion({ amendment, amended }: { amendment: Motion; amended: Motion }) {
  const { t } = useLanguage();
  const entry = amended.amendments?.find((a) => a.id === amendment.id);
  const adopted = entry ? amendmentState(entry) === 'adopted' : false;
  return (
    <section aria-labelledby="amends-heading" class="amends">
      <h2 id="amends-heading">{t('amendment.amends')}: <a href={motionHref(amended.id)}>{amended.title}</a></h2>
      {amendment.status === 'open' && <p class="muted">{t('amendment.ifAdopted')}</p>}
      {adopted ? (
        <TextChange before={entry?.replacedText ?? ''} after={amendment.text} beforeLabel={t('amendment.replacedText')} afterLabel={t('amendment.adoptedText')} struck />
      ) : (
        <TextChange before={amended.text} after={amendment.text} beforeLabel={t('amendment.currentText')} afterLabel={t('amendment.proposedText')} />
      )}
    </section>
  );
}

type Field = 'title' | 'text' | 'days';
const FIELDS: readonly Field[] = ['title', 'text', 'days'];

function AmendForm({ motion, onProposed, onVotingStarted }: { motion: Motion; onProposed: () => void; onVotingStarted: () => void }) {
  const { t, language } = useLanguage();
  const [title, setTitle] = useState('');
  const [text, setText] = useState(motion.text);
  const [days, setDays] = useState('1');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<{ message: string; detail: string; other: string[] } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const maxDays = amendmentDaysLeft(motion.closesAt, Date.now());
  const ours: Record<Field, string> = {
    title: t('field.required'),
    text: t('amendment.textUnchanged'),
    days: t('amendment.daysInvalid', { days: maxDays }),
  };

  function focusFirst(found: Partial<Record<Field, string>>) {
    const first = FIELDS.find((f) => found[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`#amend-${first}`)?.focus();
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    if (!title.trim()) found.title = ours.title;
    if (!text.trim() || text === motion.text) found.text = ours.text;
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > maxDays) found.days = ours.days;
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      await proposeMotion(motion.bodyId, { title: title.trim(), text, days: n, amends: motion.id });
      onProposed();
    } catch (caught) {
      const e = caught instanceof ApiError ? caught : new ApiError(0, {});
      setBusy(false);
      if (e.code === 'voting_started') {
        onVotingStarted();
        return;
      }
      const placed = fieldErrors(e, FIELDS, ours);
      setErrors(placed.fields);
      setFailure({ message: describeError(e, t), detail: placed.other.length || !Object.keys(placed.fields).length ? serverDetail(e) : '', other: placed.other });
      focusFirst(placed.fields);
    }
  }

  const clear = (f: Field) => errors[f] && setErrors(({ [f]: _gone, ...rest }) => rest);
  const described = (f: Field, hint?: string) => [errors[f] ? `amend-${f}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: Field) => errors[f] && <p id={`amend-${f}-error`} class="field__error">{errors[f]}</p>;

  return (
    <form id="amend-form" ref={formRef} class="form propose__form" onSubmit={submit} aria-labelledby="amend-heading" noValidate>
      <h3 id="amend-heading" ref={headingRef} tabIndex={-1}>{t('amendment.proposeHeading')}</h3>
      <p class="muted">{t('amendment.proposeIntro')}</p>

      <div class="field">
        <label for="amend-title">{t('amendment.title')}</label>
        <input id="amend-title" type="text" maxLength={300} value={title} onInput={(e) => { setTitle(e.currentTarget.value); clear('title'); }}
          aria-invalid={errors.title ? true : undefined} aria-describedby={described('title', 'amend-title-hint')} />
        <p id="amend-title-hint" class="muted field__hint">{t('amendment.titleHint')}</p>
        {fieldError('title')}
      </div>

      <div class="field">
        <label for="amend-text">{t('amendment.text')}</label>
        <textarea id="amend-text" rows={Math.min(12, Math.max(4, text.split('\n').length + Math.ceil(text.length / 80)))} maxLength={20000} value={text}
          onInput={(e) => { setText(e.currentTarget.value); clear('text'); }}
          aria-invalid={errors.text ? true : undefined} aria-describedby={described('text')} />
        {fieldError('text')}
      </div>

      <div class="field field--short">
        <label for="amend-days">{t('amendment.days')}</label>
        <input id="amend-days" type="number" inputMode="numeric" min={1} max={maxDays} value={days} onInput={(e) => { setDays(e.currentTarget.value); clear('days'); }}
          aria-invalid={errors.days ? true : undefined} aria-describedby={described('days', 'amend-days-hint')} />
        <p id="amend-days-hint" class="muted field__hint">{t('amendment.daysHint', { days: maxDays, closes: formatDate(language, motion.closesAt) })}</p>
        {fieldError('days')}
      </div>

      <div class="form-alert-region" aria-live="assertive" aria-atomic="true">
        {failure && (
          <div class="form-alert" role="alert">
            <p class="form-alert__title">{t('amendment.proposeFailed')} {failure.message}</p>
            {failure.detail && failure.detail !== failure.message && <p class="form-alert__detail">{t('error.serverSays')} {failure.detail}</p>}
            {failure.other.length > 0 && <ul>{failure.other.map((line) => <li key={line}>{line}</li>)}</ul>}
          </div>
        )}
      </div>

      <div>
        <button type="submit" class="button button--primary" aria-disabled={busy} aria-busy={busy}>{busy ? t('amendment.proposing') : t('amendment.propose')}</button>
      </div>
    </form>
  );
}

/**
 * A body's motions on its page: the list (title, status, window, secret or by name)
 * and, for its members, the form to propose one (options yes/no/abstain or a list of
 * their own, one option each or a ranking, the majority needed, the days of voting).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { formatDate } from '../dates.js';
import type { MessageKey } from '../i18n.js';
import { useLanguage } from '../language.js';
import { describeError, serverDetail } from '../problem-message.js';
import { motionHref } from '../routes.js';
import { proposeMotion, type Motion, type MotionKind, type NewMotion } from './api.js';
import { MAJORITIES, majorityRule, motionPhase, optionLabel, optionsProblem, parseOptions, type Majority } from './motion-rule.js';

export function MotionsSection({ bodyId, motions, member }: { bodyId: string; motions: readonly Motion[]; member: boolean }) {
  const { t, language } = useLanguage();
  const [proposing, setProposing] = useState(false);
  const now = Date.now();

  return (
    <section aria-labelledby="motions-heading">
      <h2 id="motions-heading">{t('motion.sectionHeading')}</h2>
      {motions.length === 0 ? (
        <p class="muted">{t('motion.none')}</p>
      ) : (
        <ul class="election-list motion-list">
          {motions.map((m) => {
            const phase = motionPhase(m, now);
            const adopted = m.result?.adopted;
            return (
              <li key={m.id} class={`election-item motion-item--${phase}`}>
                <p class="election-item__title"><a href={motionHref(m.id)}>{m.title}</a></p>
                <p class="motion-item__meta">
                  <span class={`status status--motion-${phase}`}>
                    {phase === 'closed'
                      ? adopted !== null && adopted !== undefined
                        ? t('motion.adoptedTag', { option: optionLabel(t, m.options[adopted] ?? '?') })
                        : t('motion.notAdoptedTag')
                      : t(`motion.phase.${phase}` as MessageKey)}
                  </span>
                  <span class="tag">{t(m.secret ? 'motion.secret' : 'motion.byName')}</span>
                </p>
                <p class="muted">{t('motion.window', { opens: formatDate(language, m.opensAt), closes: formatDate(language, m.closesAt) })}</p>
              </li>
            );
          })}
        </ul>
      )}
      {member && (
        <div class="propose">
          <button type="button" class="button button--quiet" aria-expanded={proposing} aria-controls="propose-form" onClick={() => setProposing(!proposing)}>
            {t('motion.proposeOpen')}
          </button>
          {proposing && <ProposeForm bodyId={bodyId} />}
        </div>
      )}
    </section>
  );
}

type Field = 'title' | 'options' | 'days';

function ProposeForm({ bodyId }: { bodyId: string }) {
  const { t } = useLanguage();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [custom, setCustom] = useState(false);
  const [optionsText, setOptionsText] = useState('');
  const [kind, setKind] = useState<MotionKind>('choice');
  const [majority, setMajority] = useState<Majority>('simple');
  const [days, setDays] = useState('7');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<{ message: string; detail: string } | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  function check(): { motion: NewMotion | null; errors: Partial<Record<Field, string>> } {
    const found: Partial<Record<Field, string>> = {};
    if (!title.trim()) found.title = t('field.required');
    const options = custom ? parseOptions(optionsText) : undefined;
    const problem = options ? optionsProblem(options) : null;
    if (problem) found.options = t(problem === 'tooFew' ? 'motion.optionsTooFew' : 'motion.optionsRepeated');
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 365) found.days = t('motion.daysInvalid');
    if (Object.keys(found).length) return { motion: null, errors: found };
    const rule = kind === 'choice' ? majorityRule[majority] : {};
    return { motion: { title: title.trim(), text, kind, days: n, ...(options ? { options } : {}), ...rule }, errors: {} };
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const { motion, errors: found } = check();
    setErrors(found);
    setFailure(null);
    if (!motion) {
      const first = (['title', 'options', 'days'] as const).find((f) => found[f]);
      formRef.current?.querySelector<HTMLElement>(`#propose-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await proposeMotion(bodyId, motion);
      location.hash = motionHref(created.id);
    } catch (caught) {
      const e = caught instanceof ApiError ? caught : new ApiError(0, {});
      setFailure({ message: describeError(e, t), detail: serverDetail(e) });
      setBusy(false);
    }
  }

  // A field's error goes once the person changes it; the next submit checks again.
  const clear = (f: Field) => errors[f] && setErrors(({ [f]: _gone, ...rest }) => rest);
  const described = (f: Field, hint?: string) => [errors[f] ? `propose-${f}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: Field) => errors[f] && <p id={`propose-${f}-error`} class="field__error">{errors[f]}</p>;

  return (
    <form id="propose-form" ref={formRef} class="form propose__form" onSubmit={submit} aria-labelledby="propose-heading" noValidate>
      <h3 id="propose-heading">{t('motion.proposeHeading')}</h3>
      <p class="muted">{t('motion.proposeIntro')}</p>

      <div class="field">
        <label for="propose-title">{t('motion.title')}</label>
        <input id="propose-title" ref={titleRef} type="text" maxLength={300} value={title} onInput={(e) => { setTitle(e.currentTarget.value); clear('title'); }}
          aria-invalid={errors.title ? true : undefined} aria-describedby={described('title')} />
        {fieldError('title')}
      </div>

      <div class="field">
        <label for="propose-text">{t('motion.text')}</label>
        <textarea id="propose-text" rows={4} maxLength={20000} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-describedby="propose-text-hint" />
        <p id="propose-text-hint" class="muted field__hint">{t('motion.textHint')}</p>
      </div>

      <fieldset class="choices">
        <legend>{t('motion.optionsLegend')}</legend>
        <label class="choice"><input type="radio" name="propose-options" checked={!custom} onChange={() => setCustom(false)} /><span>{t('motion.optionsStandard')}</span></label>
        <label class="choice"><input type="radio" name="propose-options" checked={custom} onChange={() => setCustom(true)} /><span>{t('motion.optionsCustom')}</span></label>
        {custom && (
          <div class="field">
            <label for="propose-options">{t('motion.optionsList')}</label>
            <textarea id="propose-options" rows={4} value={optionsText} onInput={(e) => { setOptionsText(e.currentTarget.value); clear('options'); }}
              aria-invalid={errors.options ? true : undefined} aria-describedby={described('options')} />
            {fieldError('options')}
          </div>
        )}
      </fieldset>

      <fieldset class="choices">
        <legend>{t('motion.kindLegend')}</legend>
        {(['choice', 'ranking'] as const).map((k) => (
          <label key={k} class="choice"><input type="radio" name="propose-kind" checked={kind === k} onChange={() => setKind(k)} /><span>{t(`motion.kind.${k}`)}</span></label>
        ))}
      </fieldset>

      {kind === 'choice' && (
        <fieldset class="choices">
          <legend>{t('motion.majorityLegend')}</legend>
          {MAJORITIES.map((m) => (
            <label key={m} class="choice">
              <input type="radio" name="propose-majority" checked={majority === m} onChange={() => setMajority(m)} />
              <span>{t(`motion.majority.${m}`)} <span class="muted">— {t(`motion.majority.${m}Hint`)}</span></span>
            </label>
          ))}
        </fieldset>
      )}

      <div class="field field--short">
        <label for="propose-days">{t('motion.days')}</label>
        <input id="propose-days" type="number" inputMode="numeric" min={1} max={365} value={days} onInput={(e) => { setDays(e.currentTarget.value); clear('days'); }}
          aria-invalid={errors.days ? true : undefined} aria-describedby={described('days')} />
        {fieldError('days')}
      </div>

      <div class="form-alert-region" aria-live="assertive" aria-atomic="true">
        {failure && (
          <div class="form-alert" role="alert">
            <p class="form-alert__title">{t('motion.proposeFailed')} {failure.message}</p>
            {failure.detail && failure.detail !== failure.message && <p class="form-alert__detail">{t('error.serverSays')} {failure.detail}</p>}
          </div>
        )}
      </div>

      <div>
        <button type="submit" class="button button--primary" aria-disabled={busy} aria-busy={busy}>{busy ? t('motion.proposing') : t('motion.propose')}</button>
      </div>
    </form>
  );
}

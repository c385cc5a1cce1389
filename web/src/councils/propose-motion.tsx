/**
 * The form to put a motion to a body (on the body page, for its members): title, text,
 * options (yes/no/abstain, or a list of their own voted by choice or by ranking) and
 * days of voting; under "More options" the rest of the rule — secret or by name, the
 * majority needed and of what, the quorum — each left to the body's charter unless
 * chosen. A line under it says the rule in words, so the defaults are never hidden.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import type { MessageKey } from '../i18n.js';
import { useLanguage, type Translate } from '../language.js';
import { describeError, fieldErrors, serverDetail } from '../problem-message.js';
import { motionHref } from '../routes.js';
import { proposeMotion, type MotionBase, type MotionKind } from './api.js';
import {
  DEFAULT_RULE_FORM, SECRECIES, THRESHOLDS, majorityWords, optionsProblem, parseOptions, percent, ruleOf,
  type RuleForm, type RuleProblem,
} from './motion-rule.js';

type Field = 'title' | 'text' | 'options' | 'days' | RuleProblem;
/** In the order of the form, so the first error found is the first one met. */
const FIELDS: readonly Field[] = ['title', 'text', 'options', 'days', 'threshold', 'quorum'];
/** Fields inside "More options", opened to show their error. */
const ADVANCED: ReadonlySet<Field> = new Set(['threshold', 'quorum']);

interface Failure {
  message: string;
  detail: string;
  other: string[];
}

export function ProposeForm({ bodyId }: { bodyId: string }) {
  const { t } = useLanguage();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [custom, setCustom] = useState(false);
  const [optionsText, setOptionsText] = useState('');
  const [rule, setRule] = useState<RuleForm>(DEFAULT_RULE_FORM);
  const [days, setDays] = useState('7');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const moreRef = useRef<HTMLDetailsElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  // Yes/no/abstain is decided by choice; a ranking needs options of one's own.
  const kind: MotionKind = custom ? rule.kind : 'choice';
  const ruleForm: RuleForm = { ...rule, kind };
  const ours: Partial<Record<Field, string>> = {
    title: t('field.required'), days: t('motion.daysInvalid'), threshold: t('motion.thresholdInvalid'), quorum: t('motion.quorumInvalid'),
  };

  function focusFirst(found: Partial<Record<Field, string>>) {
    const first = FIELDS.find((f) => found[f]);
    if (!first) return;
    if (ADVANCED.has(first) && moreRef.current) moreRef.current.open = true;
    formRef.current?.querySelector<HTMLElement>(`#propose-${first}`)?.focus();
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    if (!title.trim()) found.title = ours.title;
    const options = custom ? parseOptions(optionsText) : undefined;
    const problem = options ? optionsProblem(options) : null;
    if (problem) found.options = t(problem === 'tooFew' ? 'motion.optionsTooFew' : 'motion.optionsRepeated');
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 365) found.days = ours.days;
    const { rule: sent, problems } = ruleOf(ruleForm);
    for (const p of problems) found[p] = ours[p];
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const created = await proposeMotion(bodyId, { title: title.trim(), text, kind, days: n, ...(options ? { options } : {}), ...sent });
      location.hash = motionHref(created.id);
    } catch (caught) {
      const e = caught instanceof ApiError ? caught : new ApiError(0, {});
      const placed = fieldErrors(e, FIELDS, { days: ours.days, threshold: ours.threshold, quorum: ours.quorum });
      setErrors(placed.fields);
      setFailure({ message: describeError(e, t), detail: placed.other.length || !Object.keys(placed.fields).length ? serverDetail(e) : '', other: placed.other });
      setBusy(false);
      focusFirst(placed.fields);
    }
  }

  // A field's error goes once the person changes it; the next submit checks again.
  const clear = (f: Field) => errors[f] && setErrors(({ [f]: _gone, ...rest }) => rest);
  const described = (f: Field, hint?: string) => [errors[f] ? `propose-${f}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: Field) => errors[f] && <p id={`propose-${f}-error`} class="field__error">{errors[f]}</p>;
  const setRuleField = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => setRule((r) => ({ ...r, [key]: value }));

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
        <textarea id="propose-text" rows={4} maxLength={20000} value={text} onInput={(e) => { setText(e.currentTarget.value); clear('text'); }}
          aria-invalid={errors.text ? true : undefined} aria-describedby={described('text', 'propose-text-hint')} />
        <p id="propose-text-hint" class="muted field__hint">{t('motion.textHint')}</p>
        {fieldError('text')}
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

      {custom && (
        <fieldset class="choices">
          <legend>{t('motion.kindLegend')}</legend>
          {(['choice', 'ranking'] as const).map((k) => (
            <label key={k} class="choice"><input type="radio" name="propose-kind" checked={rule.kind === k} onChange={() => setRuleField('kind', k)} /><span>{t(`motion.kind.${k}`)}</span></label>
          ))}
        </fieldset>
      )}

      <div class="field field--short">
        <label for="propose-days">{t('motion.days')}</label>
        <input id="propose-days" type="number" inputMode="numeric" min={1} max={365} value={days} onInput={(e) => { setDays(e.currentTarget.value); clear('days'); }}
          aria-invalid={errors.days ? true : undefined} aria-describedby={described('days')} />
        {fieldError('days')}
      </div>

      <details class="more" ref={moreRef}>
        <summary aria-describedby="propose-rule">{t('motion.moreOptions')}</summary>
        <div class="more__body">
          <div class="field">
            <label for="propose-secrecy">{t('motion.secrecyLabel')}</label>
            <select id="propose-secrecy" value={rule.secrecy} onChange={(e) => setRuleField('secrecy', e.currentTarget.value as RuleForm['secrecy'])} aria-describedby="propose-secrecy-hint">
              {SECRECIES.map((s) => <option key={s} value={s}>{t(`motion.secrecy.${s}`)}</option>)}
            </select>
            <p id="propose-secrecy-hint" class="muted field__hint">{t('motion.secrecyHint')}</p>
          </div>

          {kind === 'choice' && (
            <fieldset class="choices">
              <legend>{t('motion.majorityLegend')}</legend>
              {THRESHOLDS.map((m) => (
                <label key={m} class="choice">
                  <input type="radio" name="propose-threshold-choice" checked={rule.threshold === m} onChange={() => { setRuleField('threshold', m); clear('threshold'); }} />
                  <span>{t(`motion.majority.${m}`)} <span class="muted">— {t(`motion.majority.${m}Hint`)}</span></span>
                </label>
              ))}
              {rule.threshold === 'custom' && (
                <div class="field field--short">
                  <label for="propose-threshold">{t('motion.thresholdPercent')}</label>
                  <input id="propose-threshold" type="text" inputMode="decimal" value={rule.customPercent} onInput={(e) => { setRuleField('customPercent', e.currentTarget.value); clear('threshold'); }}
                    aria-invalid={errors.threshold ? true : undefined} aria-describedby={described('threshold')} />
                  {fieldError('threshold')}
                </div>
              )}
            </fieldset>
          )}

          {kind === 'choice' && (
            <fieldset class="choices">
              <legend>{t('motion.baseLegend')}</legend>
              {(['cast', 'members'] as const satisfies readonly MotionBase[]).map((b) => (
                <label key={b} class="choice">
                  <input type="radio" name="propose-base" checked={rule.base === b} onChange={() => setRuleField('base', b)} />
                  <span>{t(`motion.base.${b}`)} <span class="muted">— {t(`motion.base.${b}Hint`)}</span></span>
                </label>
              ))}
            </fieldset>
          )}

          <div class="field field--short">
            <label for="propose-quorum">{t('motion.quorum')}</label>
            <input id="propose-quorum" type="text" inputMode="decimal" value={rule.quorumPercent} onInput={(e) => { setRuleField('quorumPercent', e.currentTarget.value); clear('quorum'); }}
              aria-invalid={errors.quorum ? true : undefined} aria-describedby={described('quorum', 'propose-quorum-hint')} />
            <p id="propose-quorum-hint" class="muted field__hint">{t('motion.quorumHint')}</p>
            {fieldError('quorum')}
          </div>
        </div>
      </details>
      <p id="propose-rule" class="propose__rule"><strong>{t('motion.ruleLabel')}:</strong> <span data-testid="propose-rule">{ruleSummary(ruleForm, t)}</span></p>

      <div class="form-alert-region" aria-live="assertive" aria-atomic="true">
        {failure && (
          <div class="form-alert" role="alert">
            <p class="form-alert__title">{t('motion.proposeFailed')} {failure.message}</p>
            {failure.detail && failure.detail !== failure.message && <p class="form-alert__detail">{t('error.serverSays')} {failure.detail}</p>}
            {failure.other.length > 0 && <ul>{failure.other.map((line) => <li key={line}>{line}</li>)}</ul>}
          </div>
        )}
      </div>

      <div>
        <button type="submit" class="button button--primary" aria-disabled={busy} aria-busy={busy}>{busy ? t('motion.proposing') : t('motion.propose')}</button>
      </div>
    </form>
  );
}

/** The rule as chosen so far, in words: "Se aprueba con más de dos tercios… Quórum: 60 %… Votación por nombre." */
function ruleSummary(form: RuleForm, t: Translate): string {
  const { rule } = ruleOf(form);
  const parts: string[] = [];
  if (form.kind === 'ranking' || rule.threshold !== undefined) {
    parts.push(majorityWords(t, { kind: form.kind, base: rule.base ?? 'cast', threshold: rule.threshold ?? 0.5 }));
  }
  if (!form.quorumPercent.trim()) parts.push(t('motion.summary.charterQuorum'));
  else if (rule.quorum !== undefined) parts.push(t('motion.rule.quorum', { percent: percent(rule.quorum) }));
  parts.push(t(`motion.summary.secrecy.${form.secrecy}` as MessageKey));
  return parts.join(' ');
}

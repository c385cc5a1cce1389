/**
 * The form of a district's delivery: the good (of the open period), how much arrived and
 * how to share it out. Sent with an idempotency key that is kept while the outcome of an
 * attempt is unknown, so pressing the button again after a lost answer never delivers
 * twice. A refusal is written beside the field it names; the rest in the form's alert.
 */
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import type { MessageKey } from '../i18n.js';
import { useLanguage } from '../language.js';
import { describeError, fieldErrors, serverDetail } from '../problem-message.js';
import { deliverToDistrict, RATION_METHODS, type DistrictDelivery, type DistrictDeliveryInput, type Good, type Period, type RationMethod } from './api.js';
import { attemptFor, outcomeUnknown, readQuantity, type Attempt } from './district-delivery.js';
import { newPickupId } from './queue.js';
import { formatDays, unitLabel } from './terms.js';

const FIELDS = ['good', 'quantity', 'periodId', 'method'] as const;
type Field = (typeof FIELDS)[number];

/** Refusals about the district itself, in words for a district (the server's `not_officer` speaks of committees). */
const DISTRICT_CODES: Readonly<Record<string, MessageKey>> = {
  not_officer: 'supply.district.notOfficer',
  not_district: 'supply.district.notDistrict',
  no_committees: 'supply.district.noCommittees',
};

interface Props {
  districtId: string;
  period: Period;
  goods: Good[];
  onDelivered: (delivery: DistrictDelivery, good: Good) => void;
}

export function DeliveryForm({ districtId, period, goods, onDelivered }: Props) {
  const { t, language } = useLanguage();
  const [goodCode, setGoodCode] = useState(goods[0]!.code);
  const [quantity, setQuantity] = useState('');
  const [method, setMethod] = useState<RationMethod>('maxmin');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<{ message: string; detail: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = useRef<Attempt | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const good = goods.find((g) => g.code === goodCode) ?? goods[0]!;
  const unit = unitLabel(t, good.unit);

  const focusField = (field: Field | undefined) => {
    if (!field) return;
    const target = field === 'method' ? `input[name="delivery-method"]:checked` : `#delivery-${field}`;
    formRef.current?.querySelector<HTMLElement>(target)?.focus();
  };
  const show = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    focusField(FIELDS.find((f) => found[f]));
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const read = readQuantity(quantity);
    if ('problem' in read) {
      const key = read.problem === 'empty' ? 'supply.district.quantityEmpty' : read.problem === 'whole' ? 'supply.district.quantityWhole' : 'supply.district.quantityTooLarge';
      return show({ quantity: t(key, { unit }) });
    }
    setErrors({});
    const input: DistrictDeliveryInput = { good: good.code, quantity: read.quantity, periodId: period.id, method };
    const attempt = attemptFor(pending.current, input, newPickupId);
    pending.current = attempt;
    setBusy(true);
    try {
      const delivery = await deliverToDistrict(districtId, input, attempt.key);
      pending.current = null;
      setQuantity('');
      onDelivered(delivery, good);
    } catch (caught) {
      const e = caught instanceof ApiError ? caught : new ApiError(0, {});
      if (!outcomeUnknown(e)) pending.current = null;
      const found = fieldErrors(e, FIELDS, {
        good: t('supply.district.goodUnknown'),
        quantity: t('supply.district.quantityWhole', { unit }),
        periodId: t('supply.district.periodGone'),
        method: t('supply.district.methodInvalid'),
      });
      if (Object.keys(found.fields).length) show(found.fields);
      const own = DISTRICT_CODES[e.code];
      if (!Object.keys(found.fields).length || found.other.length)
        setFailure(
          own ? { message: t(own), detail: '' }
          : e.status === 0 ? { message: t('supply.district.unknownOutcome'), detail: '' }
          : { message: describeError(e, t), detail: serverDetail(e) },
        );
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (field: Field, hint?: string) => [hint, errors[field] ? `delivery-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: Field) => <p id={`delivery-${field}-error`} class="field__error" aria-live="polite">{errors[field] ?? ''}</p>;

  return (
    <form ref={formRef} class="form delivery" onSubmit={submit} noValidate aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">{t('supply.district.formHeading')}</h2>

      <div class="field">
        <p class="delivery__period" data-testid="period">
          <span class="point__label">{t('supply.district.period')}:</span> <strong>{period.name}</strong> ({formatDays(language, period.starts, period.ends)})
        </p>
        {fieldError('periodId')}
      </div>

      <div class="field">
        <label for="delivery-good">{t('supply.district.good')}</label>
        <p id="delivery-good-hint" class="field__hint muted">{t('supply.district.goodHint')}</p>
        <select id="delivery-good" value={goodCode} aria-invalid={errors.good ? 'true' : undefined} aria-describedby={describedBy('good', 'delivery-good-hint')}
          onChange={(e) => { setGoodCode(e.currentTarget.value); setErrors({ ...errors, good: undefined }); }}>
          {goods.map((g) => <option key={g.code} value={g.code}>{g.name} ({unitLabel(t, g.unit)})</option>)}
        </select>
        {fieldError('good')}
      </div>

      <div class="field">
        <label for="delivery-quantity">{t('supply.district.quantity', { unit })}</label>
        <p id="delivery-quantity-hint" class="field__hint muted">{t('supply.district.quantityHint')}</p>
        <span class="quantity-box quantity-box--start">
          <input id="delivery-quantity" inputMode="numeric" autoComplete="off" value={quantity}
            aria-invalid={errors.quantity ? 'true' : undefined} aria-describedby={describedBy('quantity', 'delivery-quantity-hint')}
            onInput={(e) => { setQuantity(e.currentTarget.value); setErrors({ ...errors, quantity: undefined }); }} />
          <span class="quantity-box__unit" aria-hidden="true">{unit}</span>
        </span>
        {fieldError('quantity')}
      </div>

      <fieldset class="choices" aria-describedby={describedBy('method')}>
        <legend>{t('supply.district.methodLegend')}</legend>
        {/* The label holds the hint so a click on it chooses too; the name is the method alone, the hint its description. */}
        {RATION_METHODS.map((m) => (
          <label key={m} class="choice delivery__method">
            <input type="radio" name="delivery-method" value={m} checked={method === m} aria-describedby={`delivery-method-${m}-hint`}
              onChange={() => { setMethod(m); setErrors({ ...errors, method: undefined }); }} />
            <span>
              <span class="delivery__method-name">{t(`supply.district.method.${m}` as MessageKey)}</span>
              <span id={`delivery-method-${m}-hint`} class="muted delivery__method-hint" aria-hidden="true">{t(`supply.district.method.${m}.hint` as MessageKey)}</span>
            </span>
          </label>
        ))}
        {fieldError('method')}
      </fieldset>

      <div class="form-alert-region" aria-live="assertive" aria-atomic="true">
        {failure && (
          <div class="form-alert" role="alert">
            <p class="form-alert__title">{t('supply.district.failed')} {failure.message}</p>
            {failure.detail && failure.detail !== failure.message && <p class="form-alert__detail">{t('error.serverSays')} {failure.detail}</p>}
          </div>
        )}
      </div>

      <div>
        <button type="submit" class="button button--primary button--big" aria-disabled={busy ? 'true' : undefined} aria-busy={busy ? 'true' : undefined}>
          {busy ? t('supply.district.submitting') : t('supply.district.submit')}
        </button>
      </div>
    </form>
  );
}

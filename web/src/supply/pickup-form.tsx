/**
 * A household's entitlement for the period as a table — ration, collected, left — with
 * a box per good holding what is left, so that Enter records the usual pickup. A refusal,
 * ours or the server's, is written beside the box of the good it is about.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLanguage } from '../language.js';
import type { EntitlementLine, Good, PickupLine } from './api.js';
import { linesToSend } from './pickup-lines.js';
import { formatQuantity, unitLabel } from './terms.js';

/** What became of a recording the form asked for: nothing to say here, or refusals to show. */
export type RecordAnswer = null | { byGood?: Record<string, string>; alert?: string };

interface Props {
  entitlement: EntitlementLine[];
  goods: Good[];
  /** Put the cursor in the first box with something left (or the first refused). */
  focus: boolean;
  /** Refusals to show from the start: the server's, about the entitlement this form replaces. */
  initialErrors?: Record<string, string>;
  onRecord: (lines: PickupLine[]) => Promise<RecordAnswer>;
}

export function PickupForm({ entitlement, goods, focus, initialErrors = {}, onRecord }: Props) {
  const { t, language } = useLanguage();
  const [typed, setTyped] = useState<Record<string, string>>(() => Object.fromEntries(entitlement.map((l) => [l.good, String(l.left)])));
  const [errors, setErrors] = useState<Record<string, string>>(initialErrors);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const goodOf = (code: string) => goods.find((g) => g.code === code) ?? { id: code, code, name: code, unit: 'piece' as const };
  const quantity = (code: string, n: number) => formatQuantity(t, language, n, goodOf(code).unit);
  const nothingLeft = entitlement.every((l) => l.left === 0);
  // A good the household has no claim to (milk, with no children) is named, not tabled.
  const due = entitlement.filter((l) => l.need > 0 || l.ration > 0 || l.collected > 0);
  const notDue = entitlement.filter((l) => !due.includes(l)).map((l) => goodOf(l.good).name);

  const focusBox = (code: string | undefined) => {
    const box = code ? formRef.current?.querySelector<HTMLInputElement>(`input[name="${CSS.escape(code)}"]`) : null;
    box?.focus();
    box?.select();
  };
  useEffect(() => {
    if (focus) focusBox(Object.keys(initialErrors)[0] ?? entitlement.find((l) => l.left > 0)?.good);
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const { lines, problems } = linesToSend(entitlement, typed);
    const local: Record<string, string> = {};
    for (const [code, p] of Object.entries(problems))
      local[code] = p.kind === 'whole' ? t('supply.pickup.whole', { unit: unitLabel(t, goodOf(code).unit) }) : t('supply.pickup.beyond', { left: quantity(code, p.left) });
    setErrors(local);
    setAlert(null);
    if (Object.keys(local).length) return focusBox(Object.keys(local)[0]);
    if (!lines.length) return setAlert(t('supply.pickup.nothing'));
    setBusy(true);
    const answer = await onRecord(lines);
    setBusy(false);
    if (!answer) return;
    setErrors(answer.byGood ?? {});
    setAlert(answer.alert ?? null);
    focusBox(Object.keys(answer.byGood ?? {})[0]);
  }

  return (
    <form ref={formRef} class="pickup" onSubmit={submit} noValidate aria-labelledby="pickup-heading">
      <h2 id="pickup-heading" class="pickup__heading">{t('supply.pickup.heading')}</h2>
      <table class="entitlement">
        <thead>
          <tr>
            <th scope="col">{t('supply.pickup.good')}</th>
            <th scope="col">{t('supply.pickup.ration')}</th>
            <th scope="col">{t('supply.pickup.collected')}</th>
            <th scope="col">{t('supply.pickup.left')}</th>
            <th scope="col">{t('supply.pickup.now')}</th>
          </tr>
        </thead>
        <tbody>
          {due.map((l) => {
            const good = goodOf(l.good);
            const error = errors[l.good];
            const box = `pickup-${l.good}`;
            return (
              <tr key={l.good} class={l.left === 0 ? 'entitlement__row entitlement__row--done' : 'entitlement__row'} data-good={l.good}>
                <th scope="row" class="entitlement__good">{good.name}</th>
                <td data-label={t('supply.pickup.ration')}>{quantity(l.good, l.ration)}</td>
                <td data-label={t('supply.pickup.collected')}>{quantity(l.good, l.collected)}</td>
                <td data-label={t('supply.pickup.left')} class="entitlement__left" data-testid="left">{quantity(l.good, l.left)}</td>
                <td class="entitlement__now">
                  <label class="visually-hidden" for={box}>{t('supply.pickup.boxLabel', { good: good.name, unit: unitLabel(t, good.unit) })}</label>
                  <span class="quantity-box">
                    <input
                      id={box}
                      name={l.good}
                      inputMode="numeric"
                      autoComplete="off"
                      value={typed[l.good] ?? ''}
                      disabled={l.left === 0}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `${box}-error` : undefined}
                      onInput={(e) => setTyped({ ...typed, [l.good]: e.currentTarget.value })}
                    />
                    <span class="quantity-box__unit" aria-hidden="true">{unitLabel(t, good.unit)}</span>
                  </span>
                  <p id={`${box}-error`} class="field__error" aria-live="polite">{error ?? ''}</p>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {notDue.length > 0 && <p class="muted pickup__not-due">{t('supply.pickup.notDue', { goods: notDue.join(', ') })}</p>}
      <div class="form-alert-region" aria-live="assertive">
        {alert && <div class="form-alert" role="alert"><p class="form-alert__title">{alert}</p></div>}
      </div>
      {nothingLeft ? (
        <p class="notice">{t('supply.pickup.allCollected')}</p>
      ) : (
        <button type="submit" class="button button--primary button--big" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('supply.pickup.recording') : t('supply.pickup.record')}
        </button>
      )}
    </form>
  );
}

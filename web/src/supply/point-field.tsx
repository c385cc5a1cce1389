/**
 * The distribution point the desk records pickups at ("Sede, mesa 2"): asked once and
 * remembered on this device, shown with a way to change it.
 */
import { useState } from 'preact/hooks';
import type { Ref } from 'preact';
import { useLanguage } from '../language.js';

const key = 'cordon.supply.point';

export function savedPoint(): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function savePoint(point: string) {
  try {
    localStorage.setItem(key, point);
  } catch {
    // kept for this page only
  }
}

export function PointField({ point, onChange, error, inputRef }: { point: string; onChange: (point: string) => void; error: string | null; inputRef: Ref<HTMLInputElement> }) {
  const { t } = useLanguage();
  const [editing, setEditing] = useState(point === '');
  const [text, setText] = useState(point);
  const [empty, setEmpty] = useState(false);
  const shownError = empty ? t('supply.point.missing') : error;

  if (!editing && point)
    return (
      <p class="point">
        <span class="point__label">{t('supply.point.label')}:</span> <strong data-testid="point">{point}</strong>{' '}
        <button type="button" class="link-button" onClick={() => setEditing(true)}>{t('supply.point.change')}</button>
        {error && <span class="field__error"> {error}</span>}
      </p>
    );

  function save(event: Event) {
    event.preventDefault();
    const next = text.trim();
    setEmpty(!next);
    if (!next) return;
    savePoint(next);
    onChange(next);
    setEditing(false);
  }

  return (
    <form class="point point--editing" onSubmit={save} noValidate>
      <div class="field">
        <label for="desk-point">{t('supply.point.label')}</label>
        <p id="desk-point-hint" class="field__hint muted">{t('supply.point.hint')}</p>
        <div class="point__row">
          <input
            id="desk-point"
            ref={inputRef}
            value={text}
            maxLength={100}
            aria-invalid={shownError ? 'true' : undefined}
            aria-describedby={shownError ? 'desk-point-hint desk-point-error' : 'desk-point-hint'}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit" class="button button--quiet">{t('supply.point.save')}</button>
        </div>
        <p id="desk-point-error" class="field__error" aria-live="polite">{shownError ?? ''}</p>
      </div>
    </form>
  );
}

/**
 * The desk's search box: a card code (typed or scanned) or part of a name, and Enter.
 * Households found by name are listed to choose from.
 */
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { useLanguage } from '../language.js';
import type { Household } from './api.js';
import { canScan, CardScanner } from './card-scanner.js';
import { householdMakeup } from './terms.js';

interface Props {
  value: string;
  onInput: (value: string) => void;
  onSearch: (text: string) => void;
  busy: boolean;
  error: string | null;
  inputRef: Ref<HTMLInputElement>;
}

export function HouseholdSearch({ value, onInput, onSearch, busy, error, inputRef }: Props) {
  const { t } = useLanguage();
  const [scanning, setScanning] = useState(false);
  const scannable = canScan();

  return (
    <div class="desk-search">
      <form
        class="desk-search__form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(value);
        }}
      >
        <label for="desk-search" class="desk-search__label">{t('supply.search.label')}</label>
        <p id="desk-search-hint" class="field__hint muted">{t('supply.search.hint')}</p>
        <div class="desk-search__row">
          <input
            id="desk-search"
            ref={inputRef}
            class="desk-search__input"
            value={value}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            enterKeyHint="search"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'desk-search-hint desk-search-error' : 'desk-search-hint'}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
          <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t('supply.search.searching') : t('supply.search.submit')}
          </button>
          {scannable && (
            <button type="button" class="button button--quiet" aria-expanded={scanning} onClick={() => setScanning(!scanning)}>
              {t('supply.scan.button')}
            </button>
          )}
        </div>
        <p id="desk-search-error" class="field__error" aria-live="polite">{error ?? ''}</p>
      </form>
      {scanning && (
        <CardScanner
          onClose={() => setScanning(false)}
          onCode={(code) => {
            setScanning(false);
            onInput(code);
            onSearch(code);
          }}
        />
      )}
    </div>
  );
}

/** Households found by name: each a button that opens it at the desk. */
export function NameResults({ households, onChoose }: { households: Household[]; onChoose: (h: Household) => void }) {
  const { t } = useLanguage();
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">{t('supply.search.results', { n: households.length })}</h2>
      <ul class="household-choices">
        {households.map((h) => (
          <li key={h.id}>
            <button type="button" class="household-choice" onClick={() => onChoose(h)}>
              <span class="household-choice__ref">{t('supply.household.ref', { ref: h.ref })}</span>
              <span class="household-choice__who">{h.members.map((m) => m.name).join(', ')}</span>
              <span class="household-choice__meta muted">{[h.zone, h.address, householdMakeup(t, h.counts).people].filter(Boolean).join(' · ')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

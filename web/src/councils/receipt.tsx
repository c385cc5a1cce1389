/**
 * The voter's receipt: shown once, after the ballot is cast, to keep; and the public
 * check of a receipt, which shows the ballot it belongs to as it stands to be counted.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { useLanguage } from '../language.js';
import { describeError } from '../problem-message.js';
import { checkReceipt, type Election } from './api.js';

/** `onCheck` offers the receipt check (elections); `why` replaces what the receipt is for. */
export function ReceiptBox({ receipt, onCheck, why }: { receipt: string; onCheck?: () => void; why?: string }) {
  const { t } = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(receipt);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  return (
    <section class="receipt" aria-labelledby="receipt-heading">
      <h2 id="receipt-heading" ref={headingRef} tabIndex={-1}>{t('receipt.heading')}</h2>
      <p>{t('receipt.yours')}</p>
      <p class="receipt__code" data-testid="receipt">{receipt}</p>
      <p class="receipt__keep"><strong>{t('receipt.keep')}</strong> {why ?? t('receipt.why')}</p>
      <div class="receipt__actions">
        <button type="button" class="button button--quiet" onClick={copy}>{t('receipt.copy')}</button>
        {onCheck && (
          <a class="button button--primary" href="#receipt-check" onClick={(e) => { e.preventDefault(); onCheck(); }}>
            {t('receipt.checkNow')}
          </a>
        )}
      </div>
      <p class="muted" role="status">{copied === 'yes' ? t('receipt.copied') : copied === 'no' ? t('receipt.copyFailed') : ''}</p>
    </section>
  );
}

type Check = { kind: 'found'; ranking: string[] } | { kind: 'failed'; message: string };

/** `prefill` (with a new `prefillKey`) fills the field and checks at once: the voter's own receipt. */
export function ReceiptChecker({ election, prefill, prefillKey }: { election: Election; prefill: string; prefillKey: number }) {
  const { t } = useLanguage();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Check | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const nameOf = new Map(election.candidates.map((c) => [c.personId, c.displayName]));

  async function check(value: string) {
    const receipt = value.trim();
    if (!receipt || busy) {
      if (!receipt) setResult({ kind: 'failed', message: t('field.required') });
      return;
    }
    setBusy(true);
    try {
      const { ranking } = await checkReceipt(election.id, receipt);
      setResult({ kind: 'found', ranking });
    } catch (caught) {
      setResult({ kind: 'failed', message: describeError(caught instanceof ApiError ? caught : new ApiError(0, {}), t) });
    } finally {
      setBusy(false);
      resultRef.current?.focus();
    }
  }

  useEffect(() => {
    if (!prefillKey) return;
    setCode(prefill);
    void check(prefill);
    // only a new request to check (a new key) fills the field and checks
  }, [prefillKey]);

  return (
    <section id="receipt-check" class="receipt-check" aria-labelledby="receipt-check-heading">
      <h2 id="receipt-check-heading">{t('receipt.checkHeading')}</h2>
      <p class="muted">{t(election.status === 'counted' ? 'receipt.checkIntroCounted' : 'receipt.checkIntro')}</p>
      <form class="receipt-check__form" onSubmit={(e) => { e.preventDefault(); void check(code); }} noValidate>
        <div class="field">
          <label for="receipt-code">{t('receipt.code')}</label>
          <input
            id="receipt-code"
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            spellcheck={false}
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            aria-invalid={result?.kind === 'failed' ? true : undefined}
            aria-describedby={result ? 'receipt-check-result' : undefined}
          />
        </div>
        <button type="submit" class="button button--quiet" aria-disabled={busy} aria-busy={busy}>{t('receipt.check')}</button>
      </form>
      <div id="receipt-check-result" ref={resultRef} tabIndex={-1} role="status" class="receipt-check__result">
        {result?.kind === 'found' && (
          <div class="outcome" data-testid="receipt-found">
            <p class="outcome__title">{t('receipt.found')}</p>
            <ol>{result.ranking.map((p) => <li key={p}>{nameOf.get(p) ?? p}</li>)}</ol>
          </div>
        )}
        {result?.kind === 'failed' && <p class="field__error">{result.message}</p>}
      </div>
    </section>
  );
}

/**
 * How close a delegate is to recall: withdrawals of confidence out of the number that
 * ends the mandate. The words carry the meaning; the bar (hidden from screen readers,
 * which read the words) shows it at a glance, by length as well as colour.
 */
import { useLanguage } from '../language.js';

/** Up to this threshold each withdrawal is its own segment; above it, a continuous fill. */
const MAX_SEGMENTS = 12;

export function ConfidenceBar({ withdrawals, threshold }: { withdrawals: number; threshold: number }) {
  const { t } = useLanguage();
  const limit = Math.max(1, threshold);
  const shown = Math.min(withdrawals, limit);
  const level = withdrawals >= limit ? 'reached' : withdrawals === limit - 1 && withdrawals > 0 ? 'last' : withdrawals > 0 ? 'some' : 'none';
  return (
    <div class={`confidence confidence--${level}`} data-testid="confidence">
      <div class="confidence__track" aria-hidden="true">
        {limit <= MAX_SEGMENTS ? (
          Array.from({ length: limit }, (_, i) => <span key={i} class={i < shown ? 'confidence__seg confidence__seg--on' : 'confidence__seg'} />)
        ) : (
          <span class="confidence__fill" style={{ width: `${(100 * shown) / limit}%` }} />
        )}
      </div>
      <p class="confidence__text">
        {t('confidence.label', { n: withdrawals, threshold: limit })}
        {level === 'last' && <span class="confidence__note"> {t('confidence.oneMore')}</span>}
      </p>
    </div>
  );
}

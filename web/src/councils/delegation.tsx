/** A body's delegation as it stands: each seat it sends up, its holder and how close to recall. */
import { useLanguage } from '../language.js';
import type { Delegation, Seat } from './api.js';
import { ConfidenceBar } from './confidence-bar.js';

/** One seat: who holds it and their confidence bar, or that it is vacant. */
export function SeatHolder({ seat, delegation, numbered, me }: { seat: Seat; delegation: Delegation; numbered: boolean; me?: string }) {
  const { t } = useLanguage();
  return (
    <div class={seat.holder ? 'seat' : 'seat seat--vacant'} data-testid="seat">
      <p class="seat__holder">
        {numbered && <span class="seat__number">{t('seat.number', { number: seat.number })} · </span>}
        {seat.holder ? (
          <>
            <span class="seat__role">{t('seat.delegate')}</span> <strong>{seat.holder.displayName}</strong>
            {seat.holder.personId === me && <span class="muted"> {t('body.you')}</span>}
          </>
        ) : (
          <strong class="seat__vacant">{t('seat.vacant')}</strong>
        )}
      </p>
      {seat.holder && <ConfidenceBar withdrawals={seat.withdrawals} threshold={delegation.recallThreshold} />}
    </div>
  );
}

/**
 * The pickups this device holds: those waiting to be sent, and those the server refused
 * when they were sent, each with the reason, until the officer has dealt with them.
 */
import { ApiError } from '../api.js';
import { formatDate } from '../dates.js';
import { useLanguage } from '../language.js';
import { describeError, serverDetail } from '../problem-message.js';
import type { Good, PickupLine } from './api.js';
import { refusalsByGood } from './pickup-lines.js';
import { dismiss, syncNow, type SyncState } from './pickup-sync.js';
import type { AttentionItem } from './queue.js';
import { formatQuantity } from './terms.js';

function Lines({ lines, goods }: { lines: PickupLine[]; goods: Good[] }) {
  const { t, language } = useLanguage();
  return (
    <>
      {lines.map((l, i) => {
        const good = goods.find((g) => g.code === l.good);
        return <span key={l.good}>{i ? ' · ' : ''}{good?.name ?? l.good} {formatQuantity(t, language, l.quantity, good?.unit ?? 'piece')}</span>;
      })}
    </>
  );
}

/** Why the server refused a queued pickup, in words; per good when it said which. */
function Refusal({ item, goods }: { item: AttentionItem; goods: Good[] }) {
  const { t, language } = useLanguage();
  const error = new ApiError(item.status, { code: item.code, detail: item.detail, errors: item.errors });
  const byGood = Object.entries(refusalsByGood(item.lines, item.errors));
  if (item.code !== 'beyond_entitlement' || !byGood.length)
    return <p class="attention__reason">{describeError(error, t)} {serverDetail(error) && <span class="muted">{serverDetail(error)}</span>}</p>;
  return (
    <>
      <p class="attention__reason">{t('supply.attention.beyond')}</p>
      <ul class="attention__lines">
        {byGood.map(([code, r]) => {
          const good = goods.find((g) => g.code === code);
          const name = good?.name ?? code;
          return (
            <li key={code}>
              {r.left === null ? `${name}: ${r.reason}` : t('supply.attention.leftOf', { good: name, left: formatQuantity(t, language, r.left, good?.unit ?? 'piece') })}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function PendingPickups({ queue, goods, offline }: { queue: SyncState; goods: Good[]; offline: boolean }) {
  const { t, language } = useLanguage();
  return (
    <>
      {queue.attention.length > 0 && (
        <section class="attention" aria-labelledby="attention-heading">
          <h2 id="attention-heading">{t('supply.attention.heading', { n: queue.attention.length })}</h2>
          <p class="muted">{t('supply.attention.intro')}</p>
          <ul class="pending-list">
            {queue.attention.map((item) => (
              <li key={item.id} class="pending pending--refused">
                <p class="pending__title">
                  <strong>{t('supply.household.ref', { ref: item.ref })}</strong>
                  <span class="muted">{formatDate(language, item.at)} · {item.point}</span>
                </p>
                <p class="pending__lines"><Lines lines={item.lines} goods={goods} /></p>
                <Refusal item={item} goods={goods} />
                <button type="button" class="button button--quiet" onClick={() => void dismiss(item.id)}>
                  {t('supply.attention.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {queue.queued.length > 0 && (
        <section class="queued" aria-labelledby="queued-heading">
          <h2 id="queued-heading">{t('supply.queue.heading', { n: queue.queued.length })}</h2>
          <p class="muted">{offline ? t('supply.queue.offline') : t('supply.queue.online')}</p>
          <ul class="pending-list">
            {queue.queued.map((p) => (
              <li key={p.id} class="pending" data-testid="queued-pickup">
                <p class="pending__title">
                  <strong>{t('supply.household.ref', { ref: p.ref })}</strong>
                  <span class="muted">{formatDate(language, p.at)} · {p.point}</span>
                </p>
                <p class="pending__lines"><Lines lines={p.lines} goods={goods} /></p>
              </li>
            ))}
          </ul>
          {!offline && <button type="button" class="button button--quiet" onClick={() => void syncNow()}>{t('supply.queue.sendNow')}</button>}
        </section>
      )}
      {queue.broken && <p class="form-alert" role="alert">{t('supply.queue.broken')}</p>}
    </>
  );
}

/**
 * A secret, ranked ballot: the voter adds candidates in their order of preference,
 * moves them up or down and removes them, with buttons (so the keyboard does all a
 * mouse does), then casts it once. Focus follows the candidate being moved.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import type { MessageKey } from '../i18n.js';
import { useLanguage } from '../language.js';
import { describeError, serverDetail } from '../problem-message.js';
import { castBallot, type Election } from './api.js';
import { addPreference, movePreference, removePreference } from './ranking.js';

interface Props {
  election: Election;
  onCast: (receipt: string) => void;
}

export function BallotForm({ election, onCast }: Props) {
  const { t } = useLanguage();
  const [ranking, setRanking] = useState<string[]>([]);
  const [announce, setAnnounce] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; detail: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusNext = useRef<string | null>(null);
  const nameOf = new Map(election.candidates.map((c) => [c.personId, c.displayName]));
  const pool = election.candidates.filter((c) => !ranking.includes(c.personId));

  useEffect(() => {
    const key = focusNext.current;
    if (!key) return;
    focusNext.current = null;
    formRef.current?.querySelector<HTMLElement>(`[data-focus="${key}"]`)?.focus();
  });

  function add(personId: string) {
    const index = pool.findIndex((c) => c.personId === personId);
    const rest = pool.filter((c) => c.personId !== personId);
    const next = rest[Math.min(index, rest.length - 1)];
    focusNext.current = next ? `add:${next.personId}` : 'ranking';
    const r = addPreference(ranking, personId);
    setRanking(r);
    setAnnounce(t('ballot.added', { name: nameOf.get(personId)!, position: r.indexOf(personId) + 1 }));
  }

  function move(personId: string, by: -1 | 1) {
    const r = movePreference(ranking, personId, by);
    focusNext.current = `${by < 0 ? 'up' : 'down'}:${personId}`;
    setRanking(r);
    setAnnounce(t('ballot.moved', { name: nameOf.get(personId)!, position: r.indexOf(personId) + 1 }));
  }

  function remove(personId: string) {
    const index = ranking.indexOf(personId);
    const r = removePreference(ranking, personId);
    const next = r[Math.min(index, r.length - 1)];
    focusNext.current = next ? `remove:${next}` : `add:${personId}`;
    setRanking(r);
    setAnnounce(t('ballot.removed', { name: nameOf.get(personId)! }));
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (ranking.length === 0) {
      setError({ message: t('ballot.empty'), detail: '' });
      focusNext.current = pool[0] ? `add:${pool[0].personId}` : null;
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { receipt } = await castBallot(election.id, ranking);
      onCast(receipt);
    } catch (caught) {
      const e = caught instanceof ApiError ? caught : new ApiError(0, {});
      setError({ message: describeError(e, t), detail: serverDetail(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} class="ballot" onSubmit={submit} aria-labelledby="ballot-heading" noValidate>
      <h2 id="ballot-heading">{t('ballot.heading')}</h2>
      <p>{t(`ballot.how.${election.method}` as MessageKey)}</p>

      <div class="ballot__columns">
        <section class="ballot__pool" aria-labelledby="ballot-pool-heading">
          <h3 id="ballot-pool-heading">{t('ballot.poolHeading')}</h3>
          {pool.length === 0 ? (
            <p class="muted">{t('ballot.allRanked')}</p>
          ) : (
            <ul>
              {pool.map((c) => (
                <li key={c.personId}>
                  <button type="button" class="button button--quiet ballot__add" data-focus={`add:${c.personId}`} onClick={() => add(c.personId)}>
                    <span aria-hidden="true" class="ballot__plus">+</span>
                    <span class="visually-hidden">{t('ballot.add')} </span>
                    {c.displayName}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="ballot__ranking" aria-labelledby="ballot-ranking-heading">
          <h3 id="ballot-ranking-heading" tabIndex={-1} data-focus="ranking">{t('ballot.rankingHeading')}</h3>
          {ranking.length === 0 ? (
            <p class="muted">{t('ballot.noneYet')}</p>
          ) : (
            <ol>
              {ranking.map((personId, i) => {
                const name = nameOf.get(personId)!;
                const first = i === 0;
                const last = i === ranking.length - 1;
                return (
                  <li key={personId} class="ballot__item">
                    <span class="ballot__position" aria-hidden="true">{i + 1}</span>
                    <span class="ballot__name">{name}</span>
                    <span class="ballot__controls">
                      <button type="button" class="icon-button" data-focus={`up:${personId}`} aria-disabled={first} aria-label={t('ballot.up', { name })} onClick={() => !first && move(personId, -1)}>
                        <span aria-hidden="true">↑</span>
                      </button>
                      <button type="button" class="icon-button" data-focus={`down:${personId}`} aria-disabled={last} aria-label={t('ballot.down', { name })} onClick={() => !last && move(personId, 1)}>
                        <span aria-hidden="true">↓</span>
                      </button>
                      <button type="button" class="icon-button" data-focus={`remove:${personId}`} aria-label={t('ballot.remove', { name })} onClick={() => remove(personId)}>
                        <span aria-hidden="true">✕</span>
                      </button>
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </div>

      <p class="visually-hidden" aria-live="polite">{announce}</p>

      <div class="form-alert-region" aria-live="assertive" aria-atomic="true">
        {error && (
          <div class="form-alert" role="alert">
            <p class="form-alert__title">{t('ballot.failed')} {error.message}</p>
            {error.detail && error.detail !== error.message && <p class="form-alert__detail">{t('error.serverSays')} {error.detail}</p>}
          </div>
        )}
      </div>

      <p class="muted">{t('ballot.secret')}</p>
      <button type="submit" class="button button--primary" aria-disabled={busy} aria-busy={busy}>
        {busy ? t('ballot.casting') : t('ballot.cast')}
      </button>
    </form>
  );
}

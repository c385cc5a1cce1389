/**
 * A ranked ballot: the voter adds choices (candidates, or a motion's options) in their
 * order of preference, moves them up or down and removes them, with buttons (so the
 * keyboard does all a mouse does), then casts it once. Focus follows the choice moved.
 * `BallotForm` is an election's secret ballot; a motion's ranked vote uses `RankedBallot`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import type { MessageKey, MessageParams } from '../i18n.js';
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
  return (
    <RankedBallot
      items={election.candidates.map((c) => ({ id: c.personId, name: c.displayName }))}
      how={t(`ballot.how.${election.method}` as MessageKey)}
      note={t('ballot.secret')}
      submit={async (ranking) => onCast((await castBallot(election.id, ranking)).receipt)}
    />
  );
}

/** Words that name what is ranked: the candidates of an election, or a motion's options. */
const OPTION_WORDS = new Set(['poolHeading', 'allRanked', 'noneYet', 'empty', 'add', 'added', 'removed', 'up', 'down', 'remove']);

interface RankedProps {
  items: readonly { id: string; name: string }[];
  how: string;
  note: string;
  vocabulary?: 'candidates' | 'options';
  submit: (ranking: string[]) => Promise<void>;
  /** Words for a refusal; by default `describeError`. */
  describe?: (error: ApiError) => string;
}

export function RankedBallot({ items, how, note, vocabulary = 'candidates', submit: send, describe }: RankedProps) {
  const { t: translate } = useLanguage();
  const t = (key: MessageKey, params?: MessageParams) => {
    const word = key.slice('ballot.'.length);
    return translate(vocabulary === 'options' && OPTION_WORDS.has(word) ? (`ballot.options.${word}` as MessageKey) : key, params);
  };
  const [ranking, setRanking] = useState<string[]>([]);
  const [announce, setAnnounce] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; detail: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusNext = useRef<string | null>(null);
  const nameOf = new Map(items.map((c) => [c.id, c.name]));
  const pool = items.filter((c) => !ranking.includes(c.id));

  useEffect(() => {
    const key = focusNext.current;
    if (!key) return;
    focusNext.current = null;
    formRef.current?.querySelector<HTMLElement>(`[data-focus="${key}"]`)?.focus();
  });

  function add(itemId: string) {
    const index = pool.findIndex((c) => c.id === itemId);
    const rest = pool.filter((c) => c.id !== itemId);
    const next = rest[Math.min(index, rest.length - 1)];
    focusNext.current = next ? `add:${next.id}` : 'ranking';
    const r = addPreference(ranking, itemId);
    setRanking(r);
    setAnnounce(t('ballot.added', { name: nameOf.get(itemId)!, position: r.indexOf(itemId) + 1 }));
  }

  function move(itemId: string, by: -1 | 1) {
    const r = movePreference(ranking, itemId, by);
    focusNext.current = `${by < 0 ? 'up' : 'down'}:${itemId}`;
    setRanking(r);
    setAnnounce(t('ballot.moved', { name: nameOf.get(itemId)!, position: r.indexOf(itemId) + 1 }));
  }

  function remove(itemId: string) {
    const index = ranking.indexOf(itemId);
    const r = removePreference(ranking, itemId);
    const next = r[Math.min(index, r.length - 1)];
    focusNext.current = next ? `remove:${next}` : `add:${itemId}`;
    setRanking(r);
    setAnnounce(t('ballot.removed', { name: nameOf.get(itemId)! }));
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (ranking.length === 0) {
      setError({ message: t('ballot.empty'), detail: '' });
      focusNext.current = pool[0] ? `add:${pool[0].id}` : null;
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send(ranking);
    } catch (caught) {
      const e = caught instanceof ApiError ? caught : new ApiError(0, {});
      setError({ message: describe ? describe(e) : describeError(e, translate), detail: serverDetail(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} class="ballot" onSubmit={submit} aria-labelledby="ballot-heading" noValidate>
      <h2 id="ballot-heading">{t('ballot.heading')}</h2>
      <p>{how}</p>

      <div class="ballot__columns">
        <section class="ballot__pool" aria-labelledby="ballot-pool-heading">
          <h3 id="ballot-pool-heading">{t('ballot.poolHeading')}</h3>
          {pool.length === 0 ? (
            <p class="muted">{t('ballot.allRanked')}</p>
          ) : (
            <ul>
              {pool.map((c) => (
                <li key={c.id}>
                  <button type="button" class="button button--quiet ballot__add" data-focus={`add:${c.id}`} onClick={() => add(c.id)}>
                    <span aria-hidden="true" class="ballot__plus">+</span>
                    <span class="visually-hidden">{t('ballot.add')} </span>
                    {c.name}
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
              {ranking.map((itemId, i) => {
                const name = nameOf.get(itemId)!;
                const first = i === 0;
                const last = i === ranking.length - 1;
                return (
                  <li key={itemId} class="ballot__item">
                    <span class="ballot__position" aria-hidden="true">{i + 1}</span>
                    <span class="ballot__name">{name}</span>
                    <span class="ballot__controls">
                      <button type="button" class="icon-button" data-focus={`up:${itemId}`} aria-disabled={first} aria-label={t('ballot.up', { name })} onClick={() => !first && move(itemId, -1)}>
                        <span aria-hidden="true">↑</span>
                      </button>
                      <button type="button" class="icon-button" data-focus={`down:${itemId}`} aria-disabled={last} aria-label={t('ballot.down', { name })} onClick={() => !last && move(itemId, 1)}>
                        <span aria-hidden="true">↓</span>
                      </button>
                      <button type="button" class="icon-button" data-focus={`remove:${itemId}`} aria-label={t('ballot.remove', { name })} onClick={() => remove(itemId)}>
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

      <p class="muted">{note}</p>
      <button type="submit" class="button button--primary" aria-disabled={busy} aria-busy={busy}>
        {busy ? t('ballot.casting') : t('ballot.cast')}
      </button>
    </form>
  );
}

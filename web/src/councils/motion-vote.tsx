/**
 * A member's vote on a motion: one option, or a ranking of them (`RankedBallot`).
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import type { Translate } from '../language.js';
import { useLanguage } from '../language.js';
import { describeError, serverDetail } from '../problem-message.js';
import { voteOnMotion, type Motion, type VoteOutcome } from './api.js';
import { RankedBallot } from './ballot-form.js';
import { optionLabel } from './motion-rule.js';

/** Refusals of a vote in words about a motion (the shared words speak of elections). */
export function describeMotionError(error: ApiError, t: Translate): string {
  return error.code === 'already_voted' ? t('motion.problem.already_voted') : describeError(error, t);
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, {}));

/**
 * The vote: one option, or a ranking. While an amendment is open it is shown but held
 * (every control disabled, the reason beside it); a vote the server refuses because an
 * amendment was moved meanwhile reloads the page, which then holds it.
 */
export function VoteForm({ motion, held, onVoted, onHeld }: { motion: Motion; held: boolean; onVoted: (o: VoteOutcome) => void; onHeld: () => void }) {
  const { t } = useLanguage();
  const [choice, setChoice] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; detail: string; pending?: boolean } | null>(null);
  const note = t(motion.secret ? 'motion.voteSecret' : 'motion.voteByName');

  async function send(vote: { choice: number } | { ranking: number[] }) {
    try {
      onVoted(await voteOnMotion(motion.id, vote));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'amendments_pending') onHeld();
      throw caught;
    }
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || held) return;
    if (choice === null) {
      setError({ message: t('motion.choose'), detail: '' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send({ choice });
    } catch (caught) {
      const e = asApiError(caught);
      setError({ message: describeMotionError(e, t), detail: serverDetail(e), pending: e.code === 'amendments_pending' });
    } finally {
      setBusy(false);
    }
  }

  // Once the page holds the vote, its notice says what the refusal said.
  const shown = error && !(held && error.pending) ? error : null;
  const ballot = motion.kind === 'ranking' ? (
    <RankedBallot
      items={motion.options.map((o, i) => ({ id: String(i), name: optionLabel(t, o) }))}
      how={t('motion.rankHow')}
      note={note}
      vocabulary="options"
      describe={(e) => describeMotionError(e, t)}
      submit={(ranking) => send({ ranking: ranking.map(Number) })}
    />
  ) : (
    <form class="ballot motion-vote" onSubmit={submit} aria-labelledby="motion-vote-heading" noValidate>
      <h2 id="motion-vote-heading">{t('motion.voteHeading')}</h2>
      <fieldset class="choices" aria-describedby={shown ? 'motion-vote-error' : undefined}>
        <legend class="visually-hidden">{t('motion.optionsHeading')}</legend>
        {motion.options.map((o, i) => (
          <label key={i} class="choice">
            <input type="radio" name="motion-choice" value={i} checked={choice === i} onChange={() => setChoice(i)} />
            <span>{optionLabel(t, o)}</span>
          </label>
        ))}
      </fieldset>
      <div class="form-alert-region" aria-live="assertive" aria-atomic="true">
        {shown && (
          <div class="form-alert" role="alert" id="motion-vote-error">
            <p class="form-alert__title">{t('motion.voteFailed')} {shown.message}</p>
            {shown.detail && shown.detail !== shown.message && <p class="form-alert__detail">{t('error.serverSays')} {shown.detail}</p>}
          </div>
        )}
      </div>
      <p class="muted">{note}</p>
      <button type="submit" class="button button--primary" aria-disabled={busy} aria-busy={busy}>
        {busy ? t('motion.voting') : t('motion.vote')}
      </button>
    </form>
  );

  // The same elements held or not, so a vote refused and then held keeps its state.
  return (
    <div class="vote-hold">
      {held ? <p class="notice vote-hold__notice" id="motion-vote-held" role="status">{t('motion.amendmentPending')}</p> : null}
      <fieldset class="vote-hold__lock" disabled={held} aria-describedby={held ? 'motion-vote-held' : undefined}>
        {ballot}
      </fieldset>
    </div>
  );
}

/**
 * The full count of a counted election, stage by stage (`GET /elections/:id/result`):
 * a table of every candidate's votes at each stage (elected ✓, excluded marked), the
 * non-transferable votes, any loss to truncation, the quota; what each stage did, in
 * words; and the ties broken, with the seed of any draw by lot.
 */
import type { MessageKey } from '../i18n.js';
import { useLanguage } from '../language.js';
import { useLoad } from '../load.js';
import { describeError } from '../problem-message.js';
import { getElectionResult, type CountResult, type CountStage, type Election } from './api.js';
import { formatVotes, hasLoss, hasQuota, newAt } from './count-stages.js';
import { countOf } from './terms.js';

export function StageTable({ election }: { election: Election }) {
  const { t } = useLanguage();
  // Keyed by status too: the count arrives over the live stream after the page loaded.
  const [state] = useLoad(`${election.id}:${election.status}`, (signal) => getElectionResult(election.id, signal));
  if (state.status === 'loading') return <p class="muted" role="status">{t('app.loading')}</p>;
  if (state.status === 'failed') return <p class="field__error" role="alert">{t('stages.loadFailed')} {describeError(state.error, t)}</p>;
  return <Stages result={state.data} election={election} />;
}

function Stages({ result, election }: { result: CountResult; election: Election }) {
  const { t, language } = useLanguage();
  const names = new Map(election.candidates.map((c) => [c.personId, c.displayName]));
  const name = (p: string) => names.get(p) ?? p;
  const n = (v: number) => formatVotes(language, v);
  const { stages } = result;
  const quota = hasQuota(result);

  function actionWords(s: CountStage, index: number): string {
    const who = s.action.candidate ? name(s.action.candidate) : '';
    const parts = [t(`stages.action.${s.action.type}` as MessageKey, { name: who })];
    const elected = newAt(result, index, 'elected');
    const excluded = newAt(result, index, 'excluded').filter((p) => p !== s.action.candidate);
    if (elected.length) parts.push(t('stages.electedAt', { names: elected.map(name).join(', ') }));
    if (excluded.length) parts.push(t('stages.excludedAt', { names: excluded.map(name).join(', ') }));
    return parts.join(' ');
  }

  return (
    <div class="stages">
      <h3 id="stages-heading">{t('stages.heading')}</h3>
      <p class="muted">
        {t('stages.summary', { ballots: n(result.ballots), seats: countOf(t, 'count.seats', result.seats) })}
        {quota && <> {t('stages.quotaIs', { quota: n(result.quota) })}</>}
      </p>
      {/* The caption would scroll away with a wide table on a phone: its words stand above the
          scrolling region too, and name it. */}
      <p id="stages-caption" class="stage-table__title">{t('stages.caption')}</p>
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="stages-caption">
        <table class="stage-table">
          <caption class="visually-hidden">{t('stages.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stages.candidate')}</th>
              {stages.map((s) => <th key={s.stage} scope="col">{t('stages.stage', { n: s.stage })}</th>)}
            </tr>
          </thead>
          <tbody>
            {result.candidates.map((p) => (
              <tr key={p} class={result.elected.includes(p) ? 'stage-table__row--elected' : undefined}>
                <th scope="row">{name(p)}</th>
                {stages.map((s) => {
                  const elected = s.elected.includes(p);
                  const excluded = s.excluded.includes(p);
                  const moved = s.transfers[p] ?? 0;
                  return (
                    <td key={s.stage} class={elected ? 'stage-cell--elected' : excluded ? 'stage-cell--excluded' : undefined}>
                      <span class="stage-cell__votes">{n(s.votes[p] ?? 0)}</span>
                      {moved !== 0 && s.action.type !== 'first' && <span class="stage-cell__moved">{moved > 0 ? '+' : '−'}{n(Math.abs(moved))}</span>}
                      {elected && <span class="stage-cell__mark"><span aria-hidden="true">✓</span> {t('stages.electedMark')}</span>}
                      {excluded && !elected && <span class="stage-cell__mark">{t('stages.excludedMark')}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tbody class="stage-table__totals">
            <tr>
              <th scope="row">{t('stages.exhausted')}</th>
              {stages.map((s) => <td key={s.stage}>{n(s.exhausted)}</td>)}
            </tr>
            {hasLoss(stages) && (
              <tr>
                <th scope="row">{t('stages.loss')}</th>
                {stages.map((s) => <td key={s.stage}>{n(s.loss ?? 0)}</td>)}
              </tr>
            )}
            {quota && (
              <tr>
                <th scope="row">{t('stages.quota')}</th>
                {stages.map((s) => <td key={s.stage}>{n(s.quota)}</td>)}
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <h4>{t('stages.whatHappened')}</h4>
      <ol class="stage-notes">
        {stages.map((s, i) => (
          <li key={s.stage}><strong>{t('stages.stage', { n: s.stage })}:</strong> {actionWords(s, i)}</li>
        ))}
      </ol>

      {result.tieBreaks.length > 0 && (
        <>
          <h4>{t('stages.tieBreaks')}</h4>
          <ul class="stage-notes">
            {result.tieBreaks.map((tb, i) => (
              <li key={i}>
                {t(tb.by === 'lot' ? 'stages.tieByLot' : 'stages.tieByEarlier', {
                  stage: tb.stage, tied: tb.tied.map(name).join(', '), chosen: name(tb.chosen),
                })}
              </li>
            ))}
          </ul>
          <p class="muted">{t('stages.seed', { seed: result.seed })}</p>
        </>
      )}
      {result.rule && <p class="muted">{t('stages.rule', { rule: result.rule })}</p>}
    </div>
  );
}

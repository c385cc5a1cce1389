/**
 * A body's motions on its page: the list (title, status, window, secret or by name,
 * amendments marked) and, for its members, the form to propose one (`propose-motion.tsx`).
 */
import { useState } from 'preact/hooks';
import { formatDate } from '../dates.js';
import type { MessageKey } from '../i18n.js';
import { useLanguage } from '../language.js';
import { motionHref } from '../routes.js';
import type { Motion } from './api.js';
import { motionPhase, optionLabel } from './motion-rule.js';
import { ProposeForm } from './propose-motion.js';

export function MotionsSection({ bodyId, motions, member }: { bodyId: string; motions: readonly Motion[]; member: boolean }) {
  const { t, language } = useLanguage();
  const [proposing, setProposing] = useState(false);
  const now = Date.now();

  return (
    <section aria-labelledby="motions-heading">
      <h2 id="motions-heading">{t('motion.sectionHeading')}</h2>
      {motions.length === 0 ? (
        <p class="muted">{t('motion.none')}</p>
      ) : (
        <ul class="election-list motion-list">
          {motions.map((m) => {
            const phase = motionPhase(m, now);
            const adopted = m.result?.adopted;
            return (
              <li key={m.id} class={`election-item motion-item--${phase}`}>
                <p class="election-item__title"><a href={motionHref(m.id)}>{m.title}</a></p>
                <p class="motion-item__meta">
                  <span class={`status status--motion-${phase}`}>
                    {phase === 'closed'
                      ? adopted !== null && adopted !== undefined
                        ? t('motion.adoptedTag', { option: optionLabel(t, m.options[adopted] ?? '?') })
                        : t('motion.notAdoptedTag')
                      : t(`motion.phase.${phase}` as MessageKey)}
                  </span>
                  <span class="tag">{t(m.secret ? 'motion.secret' : 'motion.byName')}</span>
                  {m.amends && <span class="tag">{t('motion.amendmentTag')}</span>}
                </p>
                <p class="muted">{t('motion.window', { opens: formatDate(language, m.opensAt), closes: formatDate(language, m.closesAt) })}</p>
              </li>
            );
          })}
        </ul>
      )}
      {member && (
        <div class="propose">
          <button type="button" class="button button--quiet" aria-expanded={proposing} aria-controls="propose-form" onClick={() => setProposing(!proposing)}>
            {t('motion.proposeOpen')}
          </button>
          {proposing && <ProposeForm bodyId={bodyId} />}
        </div>
      )}
    </section>
  );
}

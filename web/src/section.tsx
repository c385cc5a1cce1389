/** A part of the system (councils, supply, plan, monitor) before its screens exist. */
import type { MessageKey } from './i18n.js';
import { useLanguage } from './language.js';
import type { RouteId } from './routes.js';

type SectionId = Exclude<RouteId, 'home'>;

export function SectionPage({ id }: { id: SectionId }) {
  const { t } = useLanguage();
  return (
    <article class="page">
      <h1 tabIndex={-1}>{t(`${id}.heading` as MessageKey)}</h1>
      <p class="lead">{t(`${id}.summary` as MessageKey)}</p>
      <p>{t(`${id}.description` as MessageKey)}</p>
      <p class="notice">{t('section.comingSoon')}</p>
    </article>
  );
}

export function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <article class="page">
      <h1 tabIndex={-1}>{t('notFound.heading')}</h1>
      <p>{t('notFound.body')}</p>
      <p><a href="#/">{t('notFound.back')}</a></p>
    </article>
  );
}

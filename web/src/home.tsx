/** The overview after signing in: what Cordón is and a way into each of its parts. */
import type { Person } from './auth.js';
import type { MessageKey } from './i18n.js';
import { useLanguage } from './language.js';
import { hrefOf, routes } from './routes.js';

export function HomePage({ person }: { person: Person }) {
  const { t } = useLanguage();
  const parts = routes.filter((r) => r.id !== 'home');
  return (
    <article class="page">
      <h1 tabIndex={-1}>{t('home.heading')}</h1>
      <p class="lead">{t('home.welcome', { name: person.displayName })}</p>
      <p>{t('home.intro')}</p>
      <h2>{t('home.partsHeading')}</h2>
      <ul class="parts">
        {parts.map((part) => (
          <li key={part.id} class={`part part--${part.id}`}>
            <h3>
              <a href={hrefOf(part)} class="part__link">{t(part.heading)}</a>
            </h3>
            <p>{t(`${part.id}.summary` as MessageKey)}</p>
          </li>
        ))}
      </ul>
      <p>{t('home.oneSystem')}</p>
    </article>
  );
}

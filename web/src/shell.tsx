/** The frame around every page once signed in: header, navigation, main, footer. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from './auth.js';
import { HomePage } from './home.js';
import { LanguageSwitch, useLanguage } from './language.js';
import { LiveIndicator } from './live.js';
import { hrefOf, routes, useHashRoute, type Route } from './routes.js';
import { NotFoundPage, SectionPage } from './section.js';

interface ShellProps {
  person: Person;
  onLogout: () => void;
  logoutError: string | null;
}

function Page({ route, person }: { route: Route | null; person: Person }) {
  if (!route) return <NotFoundPage />;
  if (route.id === 'home') return <HomePage person={person} />;
  return <SectionPage id={route.id} />;
}

export function Shell({ person, onLogout, logoutError }: ShellProps) {
  const { t } = useLanguage();
  const route = useHashRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = t('app.pageTitle', { page: t(route ? route.heading : 'notFound.heading') });
  }, [route, t]);

  // After moving to another page, put focus on its heading so screen readers and
  // keyboard users start there (as a full page load would), and close the phone menu.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route]);

  useEffect(() => {
    if (!menuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButtonRef.current?.focus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [menuOpen]);

  function skipToContent(event: Event) {
    // The hash is the router's, so move focus without touching it.
    event.preventDefault();
    mainRef.current?.focus();
  }

  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={skipToContent}>{t('app.skipToContent')}</a>

      <header class="topbar">
        <div class="topbar__row">
          <a class="brand" href="#/">
            <span class="brand__mark" aria-hidden="true" />
            {t('app.name')}
          </a>
          <button
            ref={menuButtonRef}
            type="button"
            class="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span class="menu-toggle__icon" aria-hidden="true" />
            {t('shell.menu')}
          </button>
        </div>

        <div id="site-menu" class={menuOpen ? 'menu menu--open' : 'menu'}>
          <nav class="nav" aria-label={t('shell.navLabel')}>
            <ul>
              {routes.map((r) => (
                <li key={r.id}>
                  <a
                    href={hrefOf(r)}
                    aria-current={route?.id === r.id ? 'page' : undefined}
                    onClick={() => setMenuOpen(false)}
                  >
                    {t(r.nav)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>

          <div class="account">
            <LiveIndicator />
            <p class="account__person">
              <span class="visually-hidden">{t('shell.signedInAs')} </span>
              <span class="account__name" data-testid="person-name">{person.displayName}</span>
              {person.isAdmin && <span class="badge">{t('shell.admin')}</span>}
            </p>
            <LanguageSwitch id="shell-language" />
            <button type="button" class="button button--quiet" onClick={onLogout}>
              {t('shell.logout')}
            </button>
          </div>
        </div>
      </header>

      {logoutError && <p class="form-alert shell__alert" role="alert">{logoutError}</p>}

      <main id="main" ref={mainRef} tabIndex={-1}>
        <Page route={route} person={person} />
      </main>

      <footer class="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

/** The frame around every page once signed in: header, navigation, main, footer. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from './auth.js';
import { HomePage } from './home.js';
import { LanguageSwitch, useLanguage } from './language.js';
import { LiveIndicator } from './live.js';
import { BodyPage } from './councils/body-page.js';
import { ElectionPage } from './councils/election-page.js';
import { FederationPage } from './councils/federation-page.js';
import { MotionPage } from './councils/motion-page.js';
import { hrefOf, routes, useHashPlace, type Place } from './routes.js';
import { NotFoundPage, SectionPage } from './section.js';
import { CommitteesPage } from './supply/committees-page.js';
import { watchConnectivity } from './supply/connectivity.js';
import { DashboardPage } from './supply/dashboard-page.js';
import { DeskPage } from './supply/desk-page.js';
import { DistrictPage } from './supply/district-page.js';
import { startPickupSync } from './supply/pickup-sync.js';

interface ShellProps {
  person: Person;
  onLogout: () => void;
  logoutError: string | null;
}

function Page({ place, person }: { place: Place | null; person: Person }) {
  if (!place) return <NotFoundPage />;
  if (place.kind === 'body') return <BodyPage id={place.id} person={person} />;
  if (place.kind === 'election') return <ElectionPage id={place.id} person={person} />;
  if (place.kind === 'motion') return <MotionPage id={place.id} person={person} />;
  if (place.kind === 'supplyDashboard') return <DashboardPage committeeId={place.id} />;
  if (place.kind === 'supplyDesk') return <DeskPage committeeId={place.id} person={person} />;
  if (place.kind === 'supplyDistrict') return <DistrictPage districtId={place.id} person={person} />;
  if (place.route.id === 'home') return <HomePage person={person} />;
  if (place.route.id === 'councils') return <FederationPage />;
  if (place.route.id === 'supply') return <CommitteesPage person={person} />;
  return <SectionPage id={place.route.id} />;
}

export function Shell({ person, onLogout, logoutError }: ShellProps) {
  const { t } = useLanguage();
  const { path, place } = useHashPlace();
  const route = place?.route ?? null;
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);

  // Pickups recorded at a supply desk without a connection are sent from any page.
  useEffect(() => watchConnectivity(), []);
  useEffect(() => startPickupSync(person.id), [person.id]);

  // Pages inside a section (a body, an election) title themselves once they know their name.
  useEffect(() => {
    if (place && place.kind !== 'section') return;
    document.title = t('app.pageTitle', { page: t(place ? place.route.heading : 'notFound.heading') });
  }, [place, t]);

  // After moving to another page, put focus on its heading so screen readers and
  // keyboard users start there (as a full page load would), and close the phone menu.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path]);

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
                    aria-current={route?.id !== r.id ? undefined : place?.kind === 'section' ? 'page' : 'true'}
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
        <Page key={path} place={place} person={person} />
      </main>

      <footer class="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

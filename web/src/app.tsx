/** Who is signed in decides what is shown: the sign-in page or the shell. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, setUnauthenticatedHandler } from './api.js';
import { currentSession, logout, rememberedPerson, rememberPerson, type Session } from './auth.js';
import { useLanguage } from './language.js';
import { LoginPage } from './login.js';
import { describeError } from './problem-message.js';
import { Shell } from './shell.js';

type State =
  | { kind: 'loading' }
  | { kind: 'signedOut'; notice?: 'sessionEnded' | 'signedOut' | 'unreachable' }
  | { kind: 'signedIn'; session: Session };

export function App() {
  const { t } = useLanguage();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [logoutError, setLogoutError] = useState<string | null>(null);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      rememberPerson(null);
      setState({ kind: 'signedOut', notice: 'sessionEnded' });
    });
    currentSession().then(
      (session) => setState(session ? { kind: 'signedIn', session } : { kind: 'signedOut' }),
      (error: unknown) => {
        // Without a connection, whoever was signed in here carries on (the supply desk
        // works offline); the session is checked again when a request gets through.
        const person = error instanceof ApiError && error.status === 0 ? rememberedPerson() : null;
        setState(person ? { kind: 'signedIn', session: { person, csrfToken: '' } } : { kind: 'signedOut', notice: 'unreachable' });
        if (person) window.addEventListener('online', () => void currentSession().then((session) => !session && setState({ kind: 'signedOut', notice: 'sessionEnded' }), () => undefined), { once: true });
      },
    );
    return () => setUnauthenticatedHandler(null);
  }, []);

  const signOut = useCallback(async () => {
    setLogoutError(null);
    try {
      await logout();
      setState({ kind: 'signedOut', notice: 'signedOut' });
    } catch (error) {
      const reason = error instanceof ApiError ? describeError(error, t) : '';
      setLogoutError(`${t('error.logoutFailed')} ${reason}`.trim());
    }
  }, [t]);

  switch (state.kind) {
    case 'loading':
      return <p class="loading" role="status">{t('app.loading')}</p>;
    case 'signedOut': {
      const notice = state.notice === 'sessionEnded' ? t('login.sessionEnded')
        : state.notice === 'signedOut' ? t('login.signedOut')
        : state.notice === 'unreachable' ? t('error.network')
        : undefined;
      return <LoginPage notice={notice} onSignedIn={(session) => setState({ kind: 'signedIn', session })} />;
    }
    case 'signedIn':
      return <Shell person={state.session.person} onLogout={signOut} logoutError={logoutError} />;
  }
}

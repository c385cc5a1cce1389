/** The sign-in page: username and password, with the server's errors said plainly. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { login, type Session } from './auth.js';
import { LanguageSwitch, useLanguage } from './language.js';
import { describeError } from './problem-message.js';

type Field = 'username' | 'password';

interface FormError {
  message: string;
  /** The server's own words (`detail`), shown under our summary. */
  detail: string;
  fields: Partial<Record<Field, string>>;
  /** Field errors the form has no input for. */
  other: string[];
}

/** `body/password`, `/password` or `password` → the input it concerns, if any. */
function fieldOf(path: string): Field | null {
  const name = path.split(/[/.]/).pop();
  return name === 'username' || name === 'password' ? name : null;
}

export function LoginPage({ onSignedIn, notice }: { onSignedIn: (s: Session) => void; notice?: string }) {
  const { t } = useLanguage();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => usernameRef.current?.focus(), []);
  useEffect(() => {
    document.title = t('app.pageTitle', { page: t('login.heading') });
  }, [t]);

  function focusField(field: Field) {
    (field === 'username' ? usernameRef : passwordRef).current?.focus();
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const missing: FormError['fields'] = {};
    if (!username.trim()) missing.username = t('field.required');
    if (!password) missing.password = t('field.required');
    if (missing.username || missing.password) {
      setError({ message: t('error.invalid'), detail: '', fields: missing, other: [] });
      focusField(missing.username ? 'username' : 'password');
      return;
    }

    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login(username.trim(), password));
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(0, {});
      const fields: FormError['fields'] = {};
      const other: string[] = [];
      for (const e of apiError.errors) {
        const field = fieldOf(e.field);
        if (field) fields[field] = e.reason;
        else other.push(`${e.field}: ${e.reason}`);
      }
      const message = apiError.status === 401 ? t('error.unauthenticated') : describeError(apiError, t);
      setError({ message, detail: apiError.detail, fields, other });
      setPassword('');
      if (fields.username) focusField('username');
      else focusField('password');
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (field: Field) => (error?.fields[field] ? `login-${field}-error` : undefined);

  return (
    <div class="login">
      <header class="login__header">
        <p class="brand brand--large">
          <span class="brand__mark" aria-hidden="true" />
          {t('app.name')}
        </p>
        <LanguageSwitch id="login-language" />
      </header>

      <main id="main" class="login__card" tabIndex={-1}>
        <p class="login__tagline">{t('app.tagline')}</p>
        <h1>{t('login.heading')}</h1>
        <p class="muted">{t('login.intro')}</p>

        {notice && !error && <p class="notice" role="status">{notice}</p>}

        <div class="form-alert-region" aria-live="assertive" aria-atomic="true">
          {error && (
            <div class="form-alert" role="alert" id="login-error">
              <p class="form-alert__title">{t('login.failed')} {error.message}</p>
              {error.detail && error.detail !== error.message && (
                <p class="form-alert__detail">{t('error.serverSays')} {error.detail}</p>
              )}
              {error.other.length > 0 && (
                <ul>{error.other.map((line) => <li key={line}>{line}</li>)}</ul>
              )}
            </div>
          )}
        </div>

        <form class="form" onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
          <div class="field">
            <label for="login-username">{t('login.username')}</label>
            <input
              ref={usernameRef}
              id="login-username"
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellcheck={false}
              required
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
              aria-invalid={error?.fields.username ? true : undefined}
              aria-describedby={describedBy('username')}
            />
            {error?.fields.username && (
              <p class="field__error" id="login-username-error">{error.fields.username}</p>
            )}
          </div>
          <div class="field">
            <label for="login-password">{t('login.password')}</label>
            <input
              ref={passwordRef}
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              aria-invalid={error?.fields.password ? true : undefined}
              aria-describedby={describedBy('password')}
            />
            {error?.fields.password && (
              <p class="field__error" id="login-password-error">{error.fields.password}</p>
            )}
          </div>
          <button type="submit" class="button button--primary" aria-disabled={busy} aria-busy={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>

      <footer class="login__footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

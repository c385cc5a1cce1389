/** Signing in and out against `/auth/*`; keeps the CSRF token of the current session. */
import { ApiError, request, setCsrfToken } from './api.js';

export interface Person {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
}

export interface Session {
  person: Person;
  csrfToken: string;
}

const personKey = 'cordon.person';

/** Who was signed in on this device, so a page opened without a connection (the supply
 *  desk) can still show their queue; forgotten on sign-out and when the session ends. */
export function rememberedPerson(): Person | null {
  try {
    const saved = localStorage.getItem(personKey);
    return saved ? (JSON.parse(saved) as Person) : null;
  } catch {
    return null;
  }
}

export function rememberPerson(person: Person | null): void {
  try {
    if (person) localStorage.setItem(personKey, JSON.stringify(person));
    else localStorage.removeItem(personKey);
  } catch {
    // without storage, a page opened offline asks to sign in: acceptable
  }
}

export async function login(username: string, password: string): Promise<Session> {
  const session = await request<Session>('POST', '/auth/login', { username, password }, { expectUnauthenticated: true });
  setCsrfToken(session.csrfToken);
  rememberPerson(session.person);
  return session;
}

/** The session this browser already has, or null when nobody is signed in. */
export async function currentSession(): Promise<Session | null> {
  try {
    const session = await request<Session>('GET', '/auth/session', undefined, { expectUnauthenticated: true });
    setCsrfToken(session.csrfToken);
    rememberPerson(session.person);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberPerson(null);
      return null;
    }
    throw error;
  }
}

export async function logout(): Promise<void> {
  try {
    await request<void>('POST', '/auth/logout', {}, { expectUnauthenticated: true });
  } catch (error) {
    // Already signed out on the server (expired session): the goal is reached.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  setCsrfToken(null);
  rememberPerson(null);
}

/**
 * The one way the app talks to the Cordón server (same origin, session cookie).
 * Failures become an `ApiError` carrying the server's RFC 9457 problem body, and
 * every write carries the CSRF token the server issued with the session (and, when the
 * caller gives one, an `Idempotency-Key`).
 */

export interface FieldError {
  field: string;
  reason: string;
  /** The most this field may be, when it was too much (e.g. what is left of a ration). */
  max?: number;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

/** A request that did not succeed. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly FieldError[];
  /** Seconds to wait, from `Retry-After`, when the server asked for it. */
  readonly retryAfter: number | undefined;

  constructor(status: number, body: ProblemBody, retryAfter?: number) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network' : `http_${status}`);
    this.title = body.title ?? '';
    this.detail = body.detail ?? '';
    this.errors = Array.isArray(body.errors) ? body.errors.filter(isFieldError) : [];
    this.retryAfter = retryAfter;
  }
}

function isFieldError(e: unknown): e is FieldError {
  return typeof e === 'object' && e !== null && typeof (e as FieldError).field === 'string'
    && typeof (e as FieldError).reason === 'string';
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;
let onReachability: ((reached: boolean) => void) | null = null;

/** Set from the login or session answer; cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Whether a session's CSRF token is known (a page opened offline has none until it reaches the server). */
export const hasCsrfToken = (): boolean => csrfToken !== null;

/** Told after every request whether the server was reached (any answer) or not (a network error). */
export function setReachabilityListener(listener: ((reached: boolean) => void) | null): void {
  onReachability = listener;
}

/** Called when a request made while signed in is answered 401 (the session ended). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** A 401 is expected here (login, session probe): don't treat it as a session ending. */
  expectUnauthenticated?: boolean;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key` on a write: a retry with the same key is answered from the
   *  first attempt and writes nothing (the server keeps keys 24 hours). */
  idempotencyKey?: string;
}

/** Sends a JSON request; resolves to the parsed body (undefined for 204). */
export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (method !== 'GET' && options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    onReachability?.(false);
    throw new ApiError(0, {});
  }
  onReachability?.(true);

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = new ApiError(response.status, await readProblem(response), readRetryAfter(response));
  if (error.status === 401 && !options.expectUnauthenticated && csrfToken) {
    csrfToken = null;
    onUnauthenticated?.();
  }
  throw error;
}

async function readProblem(response: Response): Promise<ProblemBody> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return { status: response.status };
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as ProblemBody) : {};
  } catch {
    return { status: response.status };
  }
}

function readRetryAfter(response: Response): number | undefined {
  const value = response.headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

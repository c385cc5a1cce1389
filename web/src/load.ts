/** Loading what a page shows from the API, with the states a page must render. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; error: ApiError };

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, {}));

/**
 * Runs `load` when `key` changes and whenever `reload` is called. A reload keeps the
 * data on screen until the new answer arrives (no flash of "loading"), and an answer
 * that arrives after a newer request started is dropped.
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    const controller = new AbortController();
    latest.current(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A failed refresh keeps the data already shown; only a first load shows the failure.
        setState((before) => (before.status === 'ready' && round > 0 ? before : { status: 'failed', error: asApiError(error) }));
      },
    );
    return () => controller.abort();
  }, [key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return [state, reload];
}

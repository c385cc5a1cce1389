/** A small sign of whether the live event stream (`GET /events`) is connected. */
import { useEffect, useState } from 'preact/hooks';
import { useLanguage } from './language.js';

type LiveState = 'connecting' | 'open' | 'closed';

function useEventStream(path: string): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setState('closed');
      return;
    }
    const source = new EventSource(path, { withCredentials: true });
    source.onopen = () => setState('open');
    // EventSource retries by itself while readyState is CONNECTING; CLOSED means it gave up
    // (e.g. the server answered with an error status).
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    return () => source.close();
  }, [path]);
  return state;
}

export function LiveIndicator() {
  const { t } = useLanguage();
  const state = useEventStream('/events');
  return (
    <p class={`live live--${state}`} role="status" title={t('live.label')}>
      <span class="live__dot" aria-hidden="true" />
      <span class="visually-hidden">{t('live.label')}: </span>
      <span class="live__text">{t(`live.${state}`)}</span>
    </p>
  );
}

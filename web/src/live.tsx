/**
 * The live event stream (`GET /events`): one connection for the whole app, shared by
 * the indicator in the header and by the pages that follow changes (a recall, a count).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLanguage } from './language.js';

type LiveState = 'connecting' | 'open' | 'closed';
/** `data` is undefined after a reconnection: events may have been missed, look again. */
type TopicListener = (topic: string, data: unknown) => void;

class LiveStream {
  private source: EventSource | null = null;
  private users = 0;
  private everOpen = false;
  state: LiveState = 'connecting';
  private readonly stateListeners = new Set<(s: LiveState) => void>();
  private readonly topics = new Map<string, Set<TopicListener>>();

  constructor(private readonly path: string) {}

  private readonly dispatch = (event: Event) => {
    const listeners = this.topics.get(event.type);
    if (!listeners?.size) return;
    let data: unknown = null;
    try {
      data = JSON.parse((event as MessageEvent<string>).data);
    } catch {
      // an event without a JSON body still says that something happened
    }
    for (const l of [...listeners]) l(event.type, data);
  };

  private setState(state: LiveState) {
    this.state = state;
    for (const l of [...this.stateListeners]) l(state);
  }

  private open() {
    if (typeof EventSource === 'undefined') {
      this.setState('closed');
      return;
    }
    const source = new EventSource(this.path, { withCredentials: true });
    this.source = source;
    for (const topic of this.topics.keys()) source.addEventListener(topic, this.dispatch);
    source.onopen = () => {
      if (this.everOpen) for (const [topic, listeners] of this.topics) for (const l of [...listeners]) l(topic, undefined);
      this.everOpen = true;
      this.setState('open');
    };
    // EventSource retries by itself while readyState is CONNECTING; CLOSED means it gave up
    // (e.g. the server answered with an error status).
    source.onerror = () => this.setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  }

  private acquire(): () => void {
    this.users++;
    if (!this.source) this.open();
    return () => {
      if (--this.users > 0) return;
      this.source?.close();
      this.source = null;
      this.everOpen = false;
      this.state = 'connecting';
    };
  }

  watchState(listener: (s: LiveState) => void): () => void {
    const release = this.acquire();
    this.stateListeners.add(listener);
    listener(this.state);
    return () => {
      this.stateListeners.delete(listener);
      release();
    };
  }

  on(topic: string, listener: TopicListener): () => void {
    const release = this.acquire();
    let listeners = this.topics.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.topics.set(topic, listeners);
      this.source?.addEventListener(topic, this.dispatch);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      release();
    };
  }
}

const stream = new LiveStream('/events');

/** Calls `handler` when one of `topics` is published (and, with no data, after a reconnection). */
export function useLiveEvents(topics: readonly string[], handler: TopicListener): void {
  const latest = useRef(handler);
  latest.current = handler;
  const key = topics.join(',');
  useEffect(() => {
    const offs = key.split(',').filter(Boolean).map((topic) => stream.on(topic, (t, d) => latest.current(t, d)));
    return () => offs.forEach((off) => off());
  }, [key]);
}

function useLiveState(): LiveState {
  const [state, setState] = useState<LiveState>(stream.state);
  useEffect(() => stream.watchState(setState), []);
  return state;
}

export function LiveIndicator() {
  const { t } = useLanguage();
  const state = useLiveState();
  return (
    <p class={`live live--${state}`} role="status" title={t('live.label')}>
      <span class="live__dot" aria-hidden="true" />
      <span class="visually-hidden">{t('live.label')}: </span>
      <span class="live__text">{t(`live.${state}`)}</span>
    </p>
  );
}

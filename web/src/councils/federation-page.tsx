/**
 * The federation from the national assembly down (`#/councils`): every body with its
 * kind, members and the delegates it sends up, each with their confidence bar. Nested
 * lists with disclosure buttons, so Tab, Enter and Space are all a person needs.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { useLanguage } from '../language.js';
import { useLiveEvents } from '../live.js';
import { useLoad } from '../load.js';
import { describeError } from '../problem-message.js';
import { bodyHref } from '../routes.js';
import { getDelegation, listBodies, type Delegation } from './api.js';
import { SeatHolder } from './delegation.js';
import { buildFederation, searchFederation, type Federation } from './federation.js';
import { countOf, kindLabel } from './terms.js';

type DelegationState = { status: 'loading' } | { status: 'ready'; data: Delegation } | { status: 'failed' };

const openKey = 'cordon.councils.open';

/** Which bodies are open, kept for the tab's life so coming back finds the tree as it was. */
function useOpenBodies(): [Set<string> | null, (next: Set<string>) => void] {
  const [open, setOpenState] = useState<Set<string> | null>(() => {
    try {
      const saved = sessionStorage.getItem(openKey);
      return saved ? new Set(JSON.parse(saved) as string[]) : null;
    } catch {
      return null;
    }
  });
  const setOpen = useCallback((next: Set<string>) => {
    setOpenState(next);
    try {
      sessionStorage.setItem(openKey, JSON.stringify([...next]));
    } catch {
      // not remembering is fine
    }
  }, []);
  return [open, setOpen];
}

/** At most this many delegation requests at once, so opening a large federation
 *  does not flood the server (or the browser's connection pool). */
const IN_FLIGHT = 6;

/** Delegations are fetched for the bodies on screen, once, and again when a recall or count is published. */
function useDelegations() {
  const [byBody, setByBody] = useState<Record<string, DelegationState>>({});
  const asked = useRef(new Set<string>());
  const queue = useRef<string[]>([]);
  const running = useRef(0);

  const pump = useCallback(() => {
    while (running.current < IN_FLIGHT && queue.current.length) {
      const id = queue.current.shift()!;
      running.current++;
      getDelegation(id)
        .then(
          (data) => setByBody((all) => ({ ...all, [id]: { status: 'ready', data } })),
          () => setByBody((all) => (all[id]?.status === 'ready' ? all : { ...all, [id]: { status: 'failed' } })),
        )
        .finally(() => {
          running.current--;
          pump();
        });
    }
  }, []);

  const fetchLater = useCallback((id: string) => {
    if (!queue.current.includes(id)) queue.current.push(id);
    pump();
  }, [pump]);

  const need = useCallback((id: string) => {
    if (asked.current.has(id)) return;
    asked.current.add(id);
    setByBody((all) => ({ ...all, [id]: { status: 'loading' } }));
    fetchLater(id);
  }, [fetchLater]);

  const refresh = useCallback(() => asked.current.forEach(fetchLater), [fetchLater]);
  return { byBody, need, refresh };
}

export function FederationPage() {
  const { t } = useLanguage();
  const [bodies, reloadBodies] = useLoad('bodies', (signal) => listBodies(signal));
  const federation = useMemo(() => (bodies.status === 'ready' ? buildFederation(bodies.data) : null), [bodies]);
  const [savedOpen, setOpen] = useOpenBodies();
  const open = savedOpen ?? new Set(federation?.roots ?? []);
  const [query, setQuery] = useState('');
  const search = useMemo(() => (federation ? searchFederation(federation, query) : null), [federation, query]);
  const searching = query.trim() !== '';
  const { byBody, need, refresh } = useDelegations();

  useLiveEvents(['councils.recall', 'councils.election'], () => {
    refresh();
    reloadBodies();
  });

  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  return (
    <article class="page">
      <h1 tabIndex={-1}>{t('councils.heading')}</h1>
      <p class="lead">{t('councils.summary')}</p>
      <p>{t('federation.intro')}</p>
      <details class="about">
        <summary>{t('federation.howItWorks')}</summary>
        <p>{t('councils.description')}</p>
      </details>

      {bodies.status === 'loading' && <p class="muted" role="status">{t('app.loading')}</p>}
      {bodies.status === 'failed' && <LoadFailed error={bodies.error} retry={reloadBodies} />}
      {federation && search && (
        <>
          <div class="fed-tools">
            <div class="field fed-tools__search">
              <label for="fed-search">{t('federation.search')}</label>
              <input id="fed-search" type="search" value={query} autoComplete="off" onInput={(e) => setQuery(e.currentTarget.value)} aria-describedby="fed-search-result" />
            </div>
            <div class="fed-tools__buttons">
              <button type="button" class="button button--quiet" onClick={() => setOpen(new Set(federation.byId.keys()))}>{t('federation.openAll')}</button>
              <button type="button" class="button button--quiet" onClick={() => setOpen(new Set())}>{t('federation.closeAll')}</button>
            </div>
          </div>
          <p id="fed-search-result" class="muted fed-tools__result" role="status">
            {searching ? (search.matches.size ? countOf(t, 'count.found', search.matches.size) : t('federation.noMatch')) : ''}
          </p>
          {federation.roots.length === 0 ? (
            <p class="notice">{t('federation.empty')}</p>
          ) : (
            <BodyList
              ids={searching ? federation.roots.filter((id) => search.shown.has(id)) : federation.roots}
              ctx={{ federation, open: searching ? search.shown : open, toggle, byBody, need, matches: search.matches, searching, shown: search.shown }}
              label={t('federation.treeLabel')}
            />
          )}
        </>
      )}
    </article>
  );
}

function LoadFailed({ error, retry }: { error: ApiError; retry: () => void }) {
  const { t } = useLanguage();
  return (
    <div class="form-alert" role="alert">
      <p class="form-alert__title">{t('federation.loadFailed')} {describeError(error, t)}</p>
      <p><button type="button" class="button button--quiet" onClick={retry}>{t('action.retry')}</button></p>
    </div>
  );
}

interface TreeCtx {
  federation: Federation;
  open: ReadonlySet<string>;
  toggle: (id: string) => void;
  byBody: Record<string, DelegationState>;
  need: (id: string) => void;
  matches: ReadonlySet<string>;
  shown: ReadonlySet<string>;
  searching: boolean;
}

function BodyList({ ids, ctx, label, id }: { ids: readonly string[]; ctx: TreeCtx; label?: string; id?: string }) {
  return (
    <ul class="fed" id={id} aria-label={label}>
      {ids.map((b) => <BodyNode key={b} id={b} ctx={ctx} />)}
    </ul>
  );
}

function BodyNode({ id, ctx }: { id: string; ctx: TreeCtx }) {
  const { t } = useLanguage();
  const body = ctx.federation.byId.get(id)!;
  const allChildren = ctx.federation.children.get(id) ?? [];
  const children = ctx.searching ? allChildren.filter((c) => ctx.shown.has(c)) : allChildren;
  const isOpen = ctx.open.has(id) && allChildren.length > 0;
  const delegation = ctx.byBody[id];
  const { need } = ctx;
  useEffect(() => need(id), [id, need]);

  // A higher body's members are the delegates holding seats in it: the delegation answer counts them.
  const members = delegation?.status === 'ready' ? delegation.data.members : body.members;
  const groupId = `fed-children-${id}`;

  return (
    <li class={`fed__node fed__node--${body.kind}`}>
      <div class="fed__card">
        <p class="fed__title">
          <a class="fed__name" href={bodyHref(id)}>
            {ctx.matches.has(id) ? <mark>{body.name}</mark> : body.name}
          </a>
        </p>
        <p class="fed__meta">
          <span class="tag">{kindLabel(t, body.kind)}</span> <span>{countOf(t, 'count.members', members)}</span>
        </p>
        {body.parentId && <DelegationLines state={delegation} />}
        {allChildren.length > 0 && (
          <button
            type="button"
            class="fed__toggle"
            aria-expanded={isOpen}
            aria-controls={isOpen ? groupId : undefined}
            onClick={() => ctx.toggle(id)}
            disabled={ctx.searching}
            title={ctx.searching ? t('federation.clearToBrowse') : undefined}
          >
            <span class="fed__chevron" aria-hidden="true" />
            <span class="fed__count">{countOf(t, 'count.bodies', allChildren.length)}</span>
            <span class="visually-hidden"> {t('federation.toggleIn', { name: body.name })}</span>
          </button>
        )}
      </div>
      {isOpen && children.length > 0 && <BodyList id={groupId} ids={children} ctx={ctx} />}
    </li>
  );
}

function DelegationLines({ state }: { state: DelegationState | undefined }) {
  const { t } = useLanguage();
  if (!state || state.status === 'loading') return <p class="fed__delegation muted">{t('delegation.loading')}</p>;
  if (state.status === 'failed') return <p class="fed__delegation muted">{t('delegation.failed')}</p>;
  const { data } = state;
  if (data.seats.length === 0) return <p class="fed__delegation muted">{t('delegation.none')}</p>;
  return (
    <ul class="fed__delegation fed__seats" aria-label={t('delegation.label')}>
      {data.seats.map((seat) => (
        <li key={seat.seatId}><SeatHolder seat={seat} delegation={data} numbered={data.seats.length > 1} /></li>
      ))}
    </ul>
  );
}

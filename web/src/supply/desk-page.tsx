/**
 * The supply desk (`#/supply/<committeeId>/desk`), where an officer records pickups:
 * card, Enter, Enter. Works without a connection for the households seen recently on
 * this device; pickups made then wait in a queue and are sent when it comes back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from '../auth.js';
import { useDocumentTitle } from '../document-title.js';
import type { MessageKey } from '../i18n.js';
import { useLanguage } from '../language.js';
import { useLoad } from '../load.js';
import { describeError, serverDetail } from '../problem-message.js';
import { dashboardHref } from '../routes.js';
import type { Household, PickupLine } from './api.js';
import { useOffline } from './connectivity.js';
import { lookUp, openHousehold, refreshShown, type Found } from './desk-lookup.js';
import { recordAtDesk } from './desk-record.js';
import { loadDesk, type Desk } from './desk-setup.js';
import { HouseholdSearch, NameResults } from './household-search.js';
import { HouseholdSummary } from './household-summary.js';
import { OfflineBadge } from './offline-badge.js';
import { PendingPickups } from './pending-pickups.js';
import { afterPickup, leftAfterQueue, refusalsByGood } from './pickup-lines.js';
import { PickupForm, type RecordAnswer } from './pickup-form.js';
import { usePickupQueue } from './pickup-sync.js';
import { PointField, savedPoint } from './point-field.js';
import { formatDay, formatDays, formatQuantity } from './terms.js';
import './supply.css';

export function DeskPage({ committeeId, person }: { committeeId: string; person: Person }) {
  const { t, language } = useLanguage();
  const [state] = useLoad(committeeId, (signal) => loadDesk(committeeId, person, signal));
  const desk = state.status === 'ready' ? state.data : null;
  useDocumentTitle(desk ? t('supply.desk.title', { committee: desk.name }) : t('supply.desk.heading'));

  return (
    <article class="page desk">
      <p class="crumb">
        <a href="#/supply">{t('supply.backToCommittees')}</a>
        {desk && <> · <a href={dashboardHref(committeeId)}>{desk.name}</a></>}
      </p>
      <h1 tabIndex={-1}>{t('supply.desk.heading')}</h1>
      {desk && (
        <p class="desk__meta">
          <strong>{desk.name}</strong>
          {desk.period && <span> · {desk.period.name} ({formatDays(language, desk.period.starts, desk.period.ends)})</span>}
        </p>
      )}
      {desk && <DeskContent desk={desk} person={person} />}
      {state.status === 'loading' && <p class="muted" role="status">{t('app.loading')}</p>}
      {state.status === 'failed' && (
        <div class="form-alert" role="alert">
          <p class="form-alert__title">{t('supply.desk.loadFailed')} {state.error.status === 0 ? t('supply.desk.neverSeen') : describeError(state.error, t)}</p>
        </div>
      )}
    </article>
  );
}

type Status = null | { kind: 'recorded' | 'replay' | 'queued'; ref: string; householdId: string; pickupId: string };

function DeskContent({ desk, person }: { desk: Desk; person: Person }) {
  const { t, language } = useLanguage();
  const offline = useOffline();
  const queue = usePickupQueue();
  const [point, setPoint] = useState(savedPoint);
  const [pointError, setPointError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [searchError, setSearchError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<Found | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [focusForm, setFocusForm] = useState(false);
  // Each look-up shows the household afresh (the cursor back in its first box), even the same one again.
  const [round, setRound] = useState(0);
  // The server's refusals, carried to the form that shows the entitlement as it now stands.
  const [carried, setCarried] = useState<Record<string, string>>({});
  const searchRef = useRef<HTMLInputElement>(null);
  const pointRef = useRef<HTMLInputElement>(null);
  const shown = found?.kind === 'household' ? found.shown : null;

  // After the shell puts focus on the heading, the officer starts typing in the right place.
  useEffect(() => {
    const timer = window.setTimeout(() => (point ? searchRef : pointRef).current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, []);

  // Back online, or once the queue was sent (or refused): what the server now says about
  // the household on screen replaces what was shown (another desk may have served it).
  const shownNow = useRef(shown);
  shownNow.current = shown;
  useEffect(() => {
    const current = shownNow.current;
    if (offline || !current) return;
    const controller = new AbortController();
    void refreshShown(desk, current, controller.signal).then((fresh) => {
      if (fresh && !controller.signal.aborted)
        setFound((f) => (f?.kind === 'household' && f.shown.household.id === fresh.household.id ? { kind: 'household', shown: fresh } : f));
    });
    return () => controller.abort();
  }, [offline, queue.sent, queue.attention.length]);

  async function show(next: Promise<Found>) {
    setBusy(true);
    setStatus(null);
    setCarried({});
    const f = await next;
    setBusy(false);
    if (f.kind === 'refused') return setSearchError(t(f.message, f.params));
    if (f.kind === 'failed') return setSearchError(describeError(f.error, t));
    setSearchError(null);
    setFound(f);
    setFocusForm(f.kind === 'household');
    setRound((r) => r + 1);
  }

  const queuedFor = (householdId: string) => queue.queued.filter((q) => q.householdId === householdId && q.periodId === desk.period?.id).map((q) => q.lines);
  const entitlement = shown ? leftAfterQueue(shown.entitlement, queuedFor(shown.household.id)) : [];

  async function record(lines: PickupLine[]): Promise<RecordAnswer> {
    if (!shown?.card) return null;
    if (!point) {
      setPointError(t('supply.point.missing'));
      pointRef.current?.focus();
      return null;
    }
    const card = shown.card;
    const r = await recordAtDesk(desk, { ...shown, card }, point, lines, person.id);
    const ref = shown.household.ref;
    const householdId = shown.household.id;
    if (r.kind === 'unqueued') return { alert: t('supply.queue.broken') };
    setCarried({});
    if (r.kind === 'recorded' || r.kind === 'queued') {
      if (r.kind === 'recorded') setFound({ kind: 'household', shown: { ...shown, fromDevice: null, entitlement: afterPickup(shown.entitlement, r.result.lines) } });
      setStatus({ kind: r.kind === 'recorded' && r.result.replay ? 'replay' : r.kind, ref, householdId, pickupId: r.kind === 'queued' ? r.id : r.result.id });
      setQuery('');
      setFocusForm(false);
      searchRef.current?.focus();
      return null;
    }
    const error = r.error;
    if (['bad_card', 'unknown_card', 'revoked_card'].includes(error.code)) {
      setSearchError(describeError(error, t));
      searchRef.current?.focus();
      return null;
    }
    if (error.errors.some((e) => e.field === 'point')) {
      setPointError(error.errors.find((e) => e.field === 'point')!.reason);
      return null;
    }
    const byGood: Record<string, string> = {};
    for (const [code, refusal] of Object.entries(refusalsByGood(lines, error.errors))) {
      const unit = desk.goods.find((g) => g.code === code)?.unit ?? 'piece';
      byGood[code] = refusal.left === null ? refusal.reason : t('supply.pickup.beyondServer', { left: formatQuantity(t, language, refusal.left, unit) });
    }
    if (Object.keys(byGood).length) {
      // Collected elsewhere meanwhile: show what is left now, the refusal beside it.
      const fresh = await refreshShown(desk, shown, new AbortController().signal);
      const lefts = (e: { left: number }[]) => e.map((l) => l.left).join(',');
      if (!fresh || lefts(fresh.entitlement) === lefts(shown.entitlement)) return { byGood };
      setCarried(byGood);
      setFocusForm(true);
      setFound({ kind: 'household', shown: fresh });
      return null;
    }
    return { alert: [describeError(error, t), serverDetail(error)].filter(Boolean).join(' ') };
  }

  // A pickup queued here may since have been sent, or refused.
  const statusKind = status?.kind !== 'queued' ? status?.kind
    : queue.queued.some((q) => q.id === status.pickupId) ? 'queued'
    : queue.attention.some((q) => q.id === status.pickupId) ? 'refusedLater' : 'sentLater';
  const leftWords = entitlement.filter((l) => l.need > 0 || l.ration > 0).map((l) => {
    const good = desk.goods.find((g) => g.code === l.good);
    return `${good?.name ?? l.good} ${formatQuantity(t, language, l.left, good?.unit ?? 'piece')}`;
  }).join(' · ');

  return (
    <>
      {offline && (
        <div class="offline" data-testid="offline">
          <OfflineBadge />
          <p>{t('supply.offline.notice')}</p>
        </div>
      )}
      {!desk.officer && <p class="notice">{t('supply.desk.notOfficer')}</p>}
      {!desk.period ? (
        <p class="notice">{t('supply.desk.noPeriod')}</p>
      ) : (
        <>
          <PointField point={point} onChange={(p) => { setPoint(p); setPointError(null); searchRef.current?.focus(); }} error={pointError} inputRef={pointRef} />
          <HouseholdSearch
            value={query}
            onInput={(v) => { setQuery(v); setSearchError(null); }}
            onSearch={(text) => void show(lookUp(desk, text))}
            busy={busy}
            error={searchError}
            inputRef={searchRef}
          />
          <div class="desk__status" role="status" aria-live="polite">
            {status && (
              <p class={`outcome desk__outcome desk__outcome--${statusKind}`}>
                <strong>{t(`supply.status.${statusKind}` as MessageKey, { ref: status.ref })}</strong>
                {shown?.household.id === status.householdId && statusKind !== 'refusedLater' && <> {t(statusKind === 'queued' ? 'supply.status.wouldLeave' : 'supply.status.leaves', { left: leftWords })}</>}
              </p>
            )}
          </div>
          {found?.kind === 'results' && <NameResults households={found.households} onChoose={(h: Household) => void show(openHousehold(desk, h))} />}
          {shown && (
            <section class="desk__household" aria-label={t('supply.household.ref', { ref: shown.household.ref })}>
              <HouseholdSummary household={shown.household} card={shown.card ?? '—'} />
              {shown.fromDevice && <p class="notice notice--device">{t('supply.household.fromDevice', { when: formatDay(language, shown.fromDevice.slice(0, 10)) })}</p>}
              {!shown.card ? (
                <p class="notice">{t('supply.household.noCard')}</p>
              ) : shown.entitlement.length === 0 ? (
                <p class="notice">{t('supply.household.noRations')}</p>
              ) : (
                <PickupForm key={`${round}:${shown.household.id}:${entitlement.map((l) => l.left).join(',')}`} entitlement={entitlement} goods={desk.goods} focus={focusForm} initialErrors={carried} onRecord={record} />
              )}
            </section>
          )}
        </>
      )}
      <PendingPickups queue={queue} goods={desk.goods} offline={offline} />
    </>
  );
}

/** The app's pages, addressed by hash (`#/councils`) so any static server can serve it. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MessageKey } from './i18n.js';

export type RouteId = 'home' | 'councils' | 'supply' | 'plan' | 'monitor';

/** A section of the app: one entry in the navigation. */
export interface Route {
  id: RouteId;
  path: string;
  /** Short label in the navigation. */
  nav: MessageKey;
  /** The page's heading, also its document title. */
  heading: MessageKey;
}

export const routes: readonly Route[] = [
  { id: 'home', path: '/', nav: 'nav.home', heading: 'home.heading' },
  { id: 'councils', path: '/councils', nav: 'nav.councils', heading: 'councils.heading' },
  { id: 'supply', path: '/supply', nav: 'nav.supply', heading: 'supply.heading' },
  { id: 'plan', path: '/plan', nav: 'nav.plan', heading: 'plan.heading' },
  { id: 'monitor', path: '/monitor', nav: 'nav.monitor', heading: 'monitor.heading' },
];

/** Where a hash points: a section's own page, or a page inside a section
 *  (a body of the federation, an election), which titles itself once loaded. */
export type Place =
  | { kind: 'section'; route: Route }
  | { kind: 'body'; route: Route; id: string }
  | { kind: 'election'; route: Route; id: string }
  | { kind: 'motion'; route: Route; id: string }
  | { kind: 'supplyDashboard'; route: Route; id: string }
  | { kind: 'supplyDesk'; route: Route; id: string }
  | { kind: 'supplyDistrict'; route: Route; id: string };

export function hrefOf(route: Route): string {
  return `#${route.path}`;
}

export const bodyHref = (id: string) => `#/councils/${encodeURIComponent(id)}`;
export const electionHref = (id: string) => `#/elections/${encodeURIComponent(id)}`;
export const motionHref = (id: string) => `#/motions/${encodeURIComponent(id)}`;
export const dashboardHref = (committeeId: string) => `#/supply/${encodeURIComponent(committeeId)}`;
export const deskHref = (committeeId: string) => `#/supply/${encodeURIComponent(committeeId)}/desk`;
/** A district's deliveries to the committees under it (as the API's `/supply/districts/<id>`). */
export const districtHref = (districtId: string) => `#/supply/districts/${encodeURIComponent(districtId)}`;

/** The path in a location hash: `#/plan` → `/plan`, and `` or `#` → `/`. */
export function pathOfHash(hash: string): string {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

const councils = routes.find((r) => r.id === 'councils')!;
const supply = routes.find((r) => r.id === 'supply')!;

/** The place a hash points to, or null when no page lives there. */
export function placeOfHash(hash: string): Place | null {
  const path = pathOfHash(hash);
  const route = routes.find((r) => r.path === path);
  if (route) return { kind: 'section', route };
  const [, first, id, ...rest] = path.split('/');
  if (!id) return null;
  const decoded = safeDecode(id);
  if (decoded === null) return null;
  if (first === 'supply' && rest.length === 1 && rest[0] === 'desk') return { kind: 'supplyDesk', route: supply, id: decoded };
  if (first === 'supply' && id === 'districts' && rest.length === 1) {
    const district = safeDecode(rest[0]!);
    return district ? { kind: 'supplyDistrict', route: supply, id: district } : null;
  }
  if (rest.length) return null;
  if (first === 'supply') return { kind: 'supplyDashboard', route: supply, id: decoded };
  if (first === 'councils') return { kind: 'body', route: councils, id: decoded };
  // Elections and motions belong to the councils: the navigation shows them there.
  if (first === 'elections') return { kind: 'election', route: councils, id: decoded };
  if (first === 'motions') return { kind: 'motion', route: councils, id: decoded };
  return null;
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The current place and its path, following the hash as it changes (links, back and forward). */
export function useHashPlace(): { path: string; place: Place | null } {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const follow = () => setHash(location.hash);
    window.addEventListener('hashchange', follow);
    // Effects run after the first paint: a hash changed in between (a link followed, or a
    // script setting it, the moment the page appears) fired no event we heard.
    follow();
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const path = pathOfHash(hash);
  const place = useMemo(() => placeOfHash(path), [path]);
  return { path, place };
}

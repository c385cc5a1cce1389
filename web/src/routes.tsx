/** The app's pages, addressed by hash (`#/councils`) so any static server can serve it. */
import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from './i18n.js';

export type RouteId = 'home' | 'councils' | 'supply' | 'plan' | 'monitor';

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

export function hrefOf(route: Route): string {
  return `#${route.path}`;
}

/** The path in a location hash: `#/plan` → `/plan`, and `` or `#` → `/`. */
export function pathOfHash(hash: string): string {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

/** The route for a hash, or null when no page lives there. */
export function routeOfHash(hash: string): Route | null {
  const path = pathOfHash(hash);
  return routes.find((r) => r.path === path) ?? null;
}

/** The current route, following the hash as it changes (links, back and forward). */
export function useHashRoute(): Route | null {
  const [route, setRoute] = useState(() => routeOfHash(location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeOfHash(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

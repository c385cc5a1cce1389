/**
 * Whether the server can be reached: not while the browser says it is offline, nor
 * after a request failed for want of a network, until a request gets an answer again.
 */
import { useEffect, useState } from 'preact/hooks';
import { setReachabilityListener } from '../api.js';

let browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
let unreachable = false;
const listeners = new Set<(offline: boolean) => void>();

export const isOffline = () => browserOffline || unreachable;

function set(next: { browserOffline?: boolean; unreachable?: boolean }) {
  const before = isOffline();
  browserOffline = next.browserOffline ?? browserOffline;
  unreachable = next.unreachable ?? unreachable;
  if (isOffline() !== before) for (const l of [...listeners]) l(isOffline());
}

/** Whether the last request failed to reach the server (the browser may still think it is online). */
export const lastRequestFailed = () => unreachable;

/** Follows the browser's online and offline events and every request's fate. */
export function watchConnectivity(): () => void {
  const online = () => set({ browserOffline: false, unreachable: false });
  const offline = () => set({ browserOffline: true });
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  setReachabilityListener((reached) => set({ unreachable: !reached }));
  set({ browserOffline: navigator.onLine === false });
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    setReachabilityListener(null);
  };
}

export function onConnectivity(listener: (offline: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useOffline(): boolean {
  const [offline, setOffline] = useState(isOffline);
  useEffect(() => {
    setOffline(isOffline());
    return onConnectivity(setOffline);
  }, []);
  return offline;
}

/* global self, caches */
/**
 * Cordón's service worker: keeps the app shell — index.html and the built files it names
 * — so the supply desk opens without a connection. Nothing else is touched: API requests
 * go to the network as always (the desk keeps its own data in IndexedDB).
 *
 * The page is network-first (a new build is picked up whenever the server is reachable),
 * the hashed build files cache-first; each fresh index.html replaces the files of the
 * build before it.
 */
const CACHE = 'cordon-shell-1';
const INDEX = '/index.html';

const assetsIn = (html) => [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+|\/favicon\.svg)"/g)].map((m) => m[1]))];

async function storeShell(indexResponse) {
  const cache = await caches.open(CACHE);
  const assets = assetsIn(await indexResponse.clone().text());
  await cache.put(INDEX, indexResponse);
  for (const path of assets) {
    if (await cache.match(path)) continue;
    const response = await fetch(path);
    if (response.ok) await cache.put(path, response);
  }
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path !== INDEX && !assets.includes(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const response = await fetch(INDEX, { cache: 'no-cache' });
    if (response.ok) await storeShell(response);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

const isPage = (url) => url.pathname === '/' || url.pathname === INDEX;
const isBuildFile = (url) => url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg';

async function pageFirstFromNetwork(event) {
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(storeShell(response.clone()).catch(() => undefined));
    return response;
  } catch {
    return (await caches.match(INDEX)) ?? Response.error();
  }
}

async function buildFileFromCache(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    await caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => undefined);
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isPage(url)) event.respondWith(pageFirstFromNetwork(event));
  else if (isBuildFile(url)) event.respondWith(buildFileFromCache(request));
});

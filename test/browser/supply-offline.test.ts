import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { openSignedIn } from './app.js';
import { desktop, launchChromium, screenshotPath } from './chromium.js';
import { grams, leftOf, setUpSupply, type SupplyWorld } from './supply-setup.js';

// The connection drops at JAP Norte's desk. Marta reloads the page: the service worker
// serves it, and the households she looked up earlier are still there. Two pickups wait
// in the queue; meanwhile N-3 collects at another desk. When the connection is back, the
// queue is sent: N-1's pickup is recorded once, N-3's is refused and waits for her.
const clock = new ManualClock(new Date());
let s: TestServer;
let browser: Browser;
let w: SupplyWorld;

beforeAll(async () => {
  browser = await launchChromium();
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  w = await setUpSupply(s, clock);
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const entitlement = (ref: 'N-1' | 'N-2' | 'N-3') => w.entitlement(ref);
const pickupsWithId = async (id: string) => (await s.testDb.db.query<{ n: number }>('select count(*)::int as n from pickup where id = $1', [id]))[0]!.n;

interface QueuedRow { id: string; ref: string; at: string; lines: { good: string; quantity: number }[]; queuedAt: number }

/** The pickups waiting in the desk's IndexedDB queue, oldest first (a string: the tests' types know no DOM). */
const queued = (page: Page) =>
  page.evaluate<QueuedRow[]>(`new Promise((resolve, reject) => {
    const open = indexedDB.open('cordon-supply');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('queue').objectStore('queue').getAll();
      req.onsuccess = () => resolve(req.result.sort((a, b) => a.queuedAt - b.queuedAt));
      req.onerror = () => reject(req.error);
    };
  })`);

async function lookUp(page: Page, card: string, ref: string) {
  await page.locator('#desk-search').fill(card);
  await page.keyboard.press('Enter');
  await page.getByTestId('household').getByText(`Hogar ${ref}`).waitFor();
  await page.locator('#pickup-flour:focus').waitFor();
}

describe('the desk offline', () => {
  test('pickups made offline wait in a queue and are sent once when the connection is back; a refused one needs attention', async () => {
    const page = await openSignedIn(browser, s.url, 'marta', w.people.marta!.password, desktop);
    const context = page.context();
    await page.goto(`${s.url}/#/supply/${w.norte}/desk`);
    await page.locator('#desk-point:focus').waitFor();
    await page.keyboard.type('Sede, mesa 1');
    await page.keyboard.press('Enter');
    // Looked up while online, the households are kept on the device.
    await lookUp(page, w.h['N-3'].card, 'N-3');
    await lookUp(page, w.h['N-1'].card, 'N-1');
    // The service worker holds the app's files and controls the page.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.waitForFunction('navigator.serviceWorker.controller !== null');

    await context.setOffline(true);
    await page.getByTestId('offline').getByText('Sin conexión', { exact: true }).waitFor();
    // The service worker is cut off too (a build file it does not hold cannot be fetched),
    // so the page reloaded now comes from its cache; and Marta is still at her desk.
    expect(await page.evaluate(`fetch('/assets/not-built.js').then(() => 'answered', () => 'failed')`)).toBe('failed');
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { name: 'Mesa de retiro', level: 1 }).waitFor();
    const offline = page.getByTestId('offline');
    await offline.getByText('Solo puedes buscar por tarjeta los hogares buscados hace poco en este dispositivo.', { exact: false }).waitFor();
    await page.getByTestId('point').filter({ hasText: 'Sede, mesa 1' }).waitFor();

    // A name cannot be looked up offline, nor a household this device has not seen.
    await page.locator('#desk-search').fill('rosa');
    await page.keyboard.press('Enter');
    await page.locator('#desk-search-error', { hasText: 'Sin conexión solo se puede buscar por tarjeta' }).waitFor();
    await page.locator('#desk-search').fill(w.h['N-2'].card);
    await page.keyboard.press('Enter');
    await page.locator('#desk-search-error', { hasText: 'este hogar no se ha buscado hace poco en este dispositivo' }).waitFor();

    // N-1 from the device: 400 g of flour (and the milk that is left) go to the queue.
    const n1 = await entitlement('N-1');
    await lookUp(page, w.h['N-1'].card, 'N-1');
    await page.getByText('Datos guardados en este dispositivo').waitFor();
    await page.keyboard.type('400');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Sin conexión: el retiro del hogar N-1 quedó en cola en este dispositivo' }).waitFor();
    // What the queue will take is already off what is shown as left.
    await expect.poll(() => leftOf(page, 'flour')).toBe(grams(n1[0]!.left - 400));
    expect(await leftOf(page, 'milk')).toBe('0 ml');

    // N-3 takes all the flour that is left, as far as this device knows.
    const n3 = await entitlement('N-3');
    await lookUp(page, w.h['N-3'].card, 'N-3');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'el retiro del hogar N-3 quedó en cola' }).waitFor();
    await page.getByRole('heading', { name: 'En cola en este dispositivo (2)' }).waitFor();
    const waiting = await queued(page);
    expect(waiting.map((p) => [p.ref, p.lines])).toEqual([
      ['N-1', [{ good: 'flour', quantity: 400 }, { good: 'milk', quantity: n1[1]!.left }]],
      ['N-3', [{ good: 'flour', quantity: n3[0]!.left }]],
    ]);
    await page.screenshot({ path: screenshotPath('supply-desk-offline-desktop-es'), fullPage: true });

    // Meanwhile N-3 collects 100 g at another desk that has a connection.
    expect((await w.people.marta!.client.post('/supply/pickups', { id: randomUUID(), card: w.h['N-3'].card, point: 'Feria', lines: [{ good: 'flour', quantity: 100 }] })).status).toBe(201);

    clock.set(new Date());
    await context.setOffline(false);
    // The queue empties, oldest first; N-3's pickup is refused and waits for Marta, with the reason.
    await page.getByRole('heading', { name: /En cola en este dispositivo/ }).waitFor({ state: 'detached' });
    const attention = page.locator('.attention');
    await attention.getByRole('heading', { name: 'Requieren atención (1)' }).waitFor();
    await attention.getByText('Hogar N-3').waitFor();
    await attention.getByText('otro retiro de este hogar se registró mientras tanto').waitFor();
    await attention.getByText(`Harina: quedaba ${grams(n3[0]!.left - 100)}.`).waitFor();
    expect(await page.getByTestId('offline').count()).toBe(0);
    // The desk says what became of the pickup it queued last, and shows N-3 as the server has it now.
    await page.getByRole('status').filter({ hasText: 'El servidor rechazó el retiro del hogar N-3 hecho sin conexión' }).waitFor();
    await expect.poll(() => leftOf(page, 'flour')).toBe(grams(n3[0]!.left - 100));
    expect(await page.getByText('Datos guardados en este dispositivo').count()).toBe(0);

    // In the database: N-1's pickup exactly once, at the time it was made; N-3's not at all.
    const [first, second] = waiting;
    expect(await pickupsWithId(first!.id)).toBe(1);
    expect(await pickupsWithId(second!.id)).toBe(0);
    const [row] = await s.testDb.db.query<{ at: Date; point: string }>('select at, point from pickup where id = $1', [first!.id]);
    expect(row!.at.toISOString()).toBe(first!.at);
    expect(row!.point).toBe('Sede, mesa 1');
    expect((await entitlement('N-1')).map((l) => l.collected)).toEqual([n1[0]!.collected + 400, n1[1]!.ration]);
    // Sent again (a second tab, a retry): recognised, not recorded twice.
    const again = await w.people.marta!.client.post('/supply/pickups', { id: first!.id, card: w.h['N-1'].card, point: 'Sede, mesa 1', lines: first!.lines, at: first!.at });
    expect(again.body).toMatchObject({ replay: true });
    expect(await pickupsWithId(first!.id)).toBe(1);
    await page.screenshot({ path: screenshotPath('supply-desk-attention-desktop-es'), fullPage: true });

    // Marta deals with it and dismisses it.
    await attention.getByRole('button', { name: 'Ya lo resolví: descartar' }).click();
    await attention.waitFor({ state: 'detached' });
    expect(await queued(page)).toEqual([]);
    await context.close();
  });
});

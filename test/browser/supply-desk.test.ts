import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { horizontalOverflow, openSignedIn, signIn } from './app.js';
import { desktop, launchChromium, screenshotPath } from './chromium.js';
import { goodRow, grams, leftOf, setUpSupply, type SupplyWorld } from './supply-setup.js';

// Marta keeps the desk of JAP Norte: she finds households by card and by name and
// records their pickups with the keyboard; what the server refuses is shown beside the
// box it is about. Then the committee's dashboard shows the period's progress as bars.
const clock = new ManualClock(new Date());
const phone360 = { width: 360, height: 740 };
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

const signedIn = (name: string, viewport: { width: number; height: number }): Promise<Page> =>
  openSignedIn(browser, s.url, name, w.people[name]!.password, viewport);
const entitlement = (ref: 'N-1' | 'N-2' | 'N-3') => w.entitlement(ref);

describe('the supply desk', () => {
  test('card, Enter, a quantity, Enter: the pickup is recorded and what is left drops', async () => {
    const page = await signedIn('marta', desktop);
    // From the committees Marta runs to the desk.
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'JAP' }).click();
    await page.getByRole('heading', { name: 'Tus JAP' }).waitFor();
    await page.locator('.committee', { hasText: 'JAP Norte' }).getByRole('link', { name: 'Mesa de retiro' }).click();
    await page.getByRole('heading', { name: 'Mesa de retiro', level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe('Mesa de retiro · JAP Norte · Cordón');

    // The distribution point is asked once, and the cursor waits for it.
    await page.locator('#desk-point:focus').waitFor();
    await page.keyboard.type('Sede, mesa 1');
    await page.keyboard.press('Enter');
    await page.getByTestId('point').filter({ hasText: 'Sede, mesa 1' }).waitFor();
    await page.locator('#desk-search:focus').waitFor();

    // A mistyped card is caught here, beside the box, before the server is asked.
    const card = w.h['N-1'].card;
    const mistyped = card.slice(0, -1) + (card.endsWith('0') ? '1' : '0');
    await page.keyboard.type(mistyped);
    await page.keyboard.press('Enter');
    await page.locator('#desk-search-error', { hasText: 'El último carácter no cuadra' }).waitFor();
    expect(await page.locator('#desk-search').getAttribute('aria-describedby')).toContain('desk-search-error');

    // As people type it: lower case, a space for the dash.
    const before = await entitlement('N-1');
    await page.locator('#desk-search').fill(card.toLowerCase().replace('-', ' '));
    await page.keyboard.press('Enter');
    const household = page.getByTestId('household');
    await household.getByText('Hogar N-1').waitFor();
    await household.getByText('3 personas').waitFor();
    expect(await household.textContent()).toContain('2 adultos · 1 de 5 a 13 años');
    expect(await leftOf(page, 'flour')).toBe(grams(before[0]!.left));
    // The cursor is in the first box, its quantity (all that is left) selected: typing replaces it.
    await page.locator('#pickup-flour:focus').waitFor();
    await page.screenshot({ path: screenshotPath('supply-desk-household-desktop-es'), fullPage: true });
    await page.keyboard.type('500');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Retiro registrado: hogar N-1.' }).waitFor();
    await expect.poll(() => leftOf(page, 'flour')).toBe(grams(before[0]!.left - 500));
    // Milk's box held all that was left of it: collected too.
    expect(await leftOf(page, 'milk')).toBe('0 ml');
    const after = await entitlement('N-1');
    expect(after.map((l) => l.collected)).toEqual([500, before[1]!.left]);
    // Ready for the next household.
    await page.locator('#desk-search:focus').waitFor();
    expect(await page.locator('#desk-search').inputValue()).toBe('');
    await page.screenshot({ path: screenshotPath('supply-desk-recorded-desktop-es'), fullPage: true });

    // More than is left is refused on the spot, beside the box.
    await page.keyboard.type(card);
    await page.keyboard.press('Enter');
    await page.locator('#pickup-flour:focus').waitFor();
    await page.keyboard.type(String(after[0]!.left + 1));
    await page.keyboard.press('Enter');
    const flourError = goodRow(page, 'flour').locator('.field__error');
    await flourError.filter({ hasText: `Queda solo ${grams(after[0]!.left)}` }).waitFor();
    expect(await page.locator('#pickup-flour').getAttribute('aria-describedby')).toBe('pickup-flour-error');

    // Another desk records 300 g meanwhile: the server refuses this one, and says why beside the box.
    const elsewhere = await w.people.marta!.client.post('/supply/pickups', { id: randomUUID(), card, point: 'Sede, mesa 2', lines: [{ good: 'flour', quantity: 300 }] });
    expect(elsewhere.status).toBe(201);
    await page.locator('#pickup-flour').fill(String(after[0]!.left));
    await page.keyboard.press('Enter');
    await flourError.filter({ hasText: `Queda solo ${grams(after[0]!.left - 300)}: otro retiro se registró mientras tanto.` }).waitFor();
    expect(await page.locator('#pickup-flour').getAttribute('aria-invalid')).toBe('true');
    // The table now shows what is left, and the box holds it: Enter would take it.
    expect(await leftOf(page, 'flour')).toBe(grams(after[0]!.left - 300));
    expect(await page.locator('#pickup-flour').inputValue()).toBe(String(after[0]!.left - 300));
    await page.locator('#pickup-flour:focus').waitFor();
    await page.screenshot({ path: screenshotPath('supply-desk-refused-desktop-es'), fullPage: true });
    expect((await entitlement('N-1'))[0]!.collected).toBe(800);
    await page.context().close();
  });

  test('by name, in English: a household with special needs', async () => {
    const page = await signedIn('marta', desktop);
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${s.url}/#/supply/${w.norte}/desk`);
    await page.getByRole('heading', { name: 'Supply desk', level: 1 }).waitFor();
    await page.getByLabel('Distribution point').fill('Hall');
    await page.keyboard.press('Enter');
    await page.getByLabel('Card or name').fill('rosa diaz');
    await page.keyboard.press('Enter');
    const household = page.getByTestId('household');
    await household.getByText('Household N-2').waitFor();
    await household.getByText('Special needs').waitFor();
    await household.getByText('Chronic illness').waitFor();
    const e = await entitlement('N-2');
    expect(await leftOf(page, 'flour')).toBe(`${e[0]!.left.toLocaleString('en-GB')} g`);
    // Nothing is due of milk (no children): it is named, without a box.
    await page.getByText('No ration of Leche: this household has no claim to it in this period.').waitFor();
    expect(await page.locator('#pickup-milk').count()).toBe(0);
    // A name nobody has.
    await page.getByLabel('Card or name').fill('Zacarías');
    await page.keyboard.press('Enter');
    await page.locator('#desk-search-error', { hasText: 'No household of this committee has anyone by that name.' }).waitFor();
    await page.context().close();
  });

  test('where the browser reads QR codes, a card is scanned with the camera; elsewhere there is no scan button', async () => {
    const plain = await signedIn('marta', desktop);
    await plain.goto(`${s.url}/#/supply/${w.norte}/desk`);
    await plain.getByRole('heading', { name: 'Mesa de retiro', level: 1 }).waitFor();
    const hasDetector = await plain.evaluate<boolean>(`'BarcodeDetector' in window`);
    expect(await plain.getByRole('button', { name: 'Escanear' }).count()).toBe(hasDetector ? 1 : 0);
    await plain.context().close();

    // A browser with a BarcodeDetector, and a camera (a canvas) that shows N-2's card.
    const context = await browser.newContext({ viewport: desktop, locale: 'en-US' });
    await context.addInitScript(`
      window.BarcodeDetector = class { async detect() { return [{ rawValue: 'https://jap.example/card/' + ${JSON.stringify(w.h['N-2'].card)} }]; } };
      navigator.mediaDevices.getUserMedia = async () => { const c = document.createElement('canvas'); c.getContext('2d').fillRect(0, 0, 10, 10); return c.captureStream(); };
    `);
    const page = await context.newPage();
    await page.goto(s.url);
    await signIn(page, 'marta', w.people.marta!.password);
    await page.getByRole('heading', { name: 'Resumen', level: 1 }).waitFor();
    await page.goto(`${s.url}/#/supply/${w.norte}/desk`);
    await page.getByLabel('Punto de entrega').fill('Sede');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Escanear' }).click();
    await page.getByTestId('household').getByText('Hogar N-2').waitFor();
    expect(await page.locator('#desk-search').inputValue()).toBe(w.h['N-2'].card);
    // The camera is let go once the card is read.
    expect(await page.locator('video').count()).toBe(0);
    await context.close();
  });

  test('on a 360 px phone the desk fits: each good a card, nothing overflows', async () => {
    const page = await signedIn('marta', phone360);
    await page.goto(`${s.url}/#/supply/${w.norte}/desk`);
    await page.locator('#desk-point:focus').waitFor();
    await page.keyboard.type('Feria');
    await page.keyboard.press('Enter');
    await page.locator('#desk-search').fill(w.h['N-3'].card);
    await page.keyboard.press('Enter');
    await page.getByTestId('household').getByText('Hogar N-3').waitFor();
    await page.locator('#pickup-flour:focus').waitFor();
    await page.screenshot({ path: screenshotPath('supply-desk-phone-es'), fullPage: true });
    expect(await horizontalOverflow(page)).toBe(0);
    await page.context().close();
  });

  test('the dashboard: bars per good, unmet need, the day’s pickups; linked from the body page', async () => {
    const page = await signedIn('marta', desktop);
    await page.goto(`${s.url}/#/councils/${w.norte}`);
    await page.getByRole('link', { name: 'Panel de la JAP' }).click();
    await page.getByRole('heading', { name: 'JAP Norte', level: 1 }).waitFor();
    const flour = page.locator('.good-progress[data-good="flour"]');
    // 800 g collected of the 3,000 allocated; 3,800 needed, so 800 not met.
    await flour.getByTestId('progress').filter({ hasText: 'Retirado 800 g de 3.000 g asignados (27 %).' }).waitFor();
    expect(await flour.locator('.good-facts__unmet dd').textContent()).toBe('800 g');
    const width = async (cls: string) => /width:\s*([\d.]+)%/.exec((await flour.locator(cls).getAttribute('style')) ?? '')?.[1] ?? '';
    expect(parseFloat(await width('.supply-bar__collected'))).toBeCloseTo((100 * 800) / 3800, 1);
    expect(parseFloat(await width('.supply-bar__unmet'))).toBeCloseTo((100 * 800) / 3800, 1);
    await page.getByTestId('pickups-today').filter({ hasText: '2 retiros hoy.' }).waitFor();
    expect(await page.locator('.recent li').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('supply-dashboard-desktop-es'), fullPage: true });

    // A pickup at another desk shows up by itself (the live stream).
    await w.people.marta!.client.post('/supply/pickups', { id: randomUUID(), card: w.h['N-3'].card, point: 'Feria', lines: [{ good: 'flour', quantity: 100 }] });
    await page.getByTestId('pickups-today').filter({ hasText: '3 retiros hoy.' }).waitFor();
    await page.getByRole('link', { name: 'Abrir la mesa de retiro' }).click();
    await page.getByRole('heading', { name: 'Mesa de retiro', level: 1 }).waitFor();
    await page.setViewportSize(phone360);
    await page.goto(`${s.url}/#/supply/${w.norte}`);
    await flour.getByTestId('progress').waitFor();
    await page.screenshot({ path: screenshotPath('supply-dashboard-phone-es'), fullPage: true });
    expect(await horizontalOverflow(page)).toBe(0);
    await page.context().close();
  });

  test('a member without office sees no desk link, and the desk says the server will refuse', async () => {
    const page = await signedIn('vecina', desktop);
    await page.goto(`${s.url}/#/councils/${w.norte}`);
    await page.getByRole('heading', { name: 'JAP Norte', level: 1 }).waitFor();
    await page.getByText('Eres miembro').waitFor();
    expect(await page.getByRole('link', { name: 'Panel de la JAP' }).count()).toBe(0);
    await page.goto(`${s.url}/#/supply`);
    await page.getByText('No tienes cargo de abastecimiento ni la presidencia en ninguna JAP.').waitFor();
    await page.goto(`${s.url}/#/supply/${w.norte}/desk`);
    await page.getByText('No tienes cargo de abastecimiento en esta JAP').waitFor();
    await page.getByLabel('Punto de entrega').fill('Sede');
    await page.keyboard.press('Enter');
    await page.getByLabel('Tarjeta o nombre').fill(w.h['N-1'].card);
    await page.keyboard.press('Enter');
    await page.locator('#desk-search-error', { hasText: 'Solo quienes tienen cargo de abastecimiento' }).waitFor();
    await page.context().close();
  });
});

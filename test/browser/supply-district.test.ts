import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { addMembers, createBody, grantOffice } from '../../src/councils/index.js';
import { registerHousehold } from '../../src/supply/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addPeople, horizontalOverflow, openSignedIn, type TestPerson } from './app.js';
import { desktop, launchChromium, phone, screenshotPath } from './chromium.js';
import { grams, setUpSupply, type SupplyWorld } from './supply-setup.js';

// Carmen is the supply officer of the Cordón Vicuña Mackenna, above JAP Norte and JAP Sur.
// Her list of what she runs shows the cordón under "Tus distritos" (one request: /supply/mine); she records a
// delivery of flour and sees it shared out by the committees' need, a bar per committee.
// Flour needs (1000 g per equivalent adult): Norte 1800 + 1000 + 1000 = 3800 g,
// Sur 1500 + 1000 = 2500 g; 6300 g in all.
const clock = new ManualClock(new Date());
let s: TestServer;
let browser: Browser;
let w: SupplyWorld;
let carmen: TestPerson;
let sur: string;

beforeAll(async () => {
  browser = await launchChromium();
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  w = await setUpSupply(s, clock);
  const sys = { ...s.system, clock };
  carmen = (await addPeople(s, { carmen: 'Carmen Lagos' })).carmen!;
  await addMembers(sys, w.cordon, [carmen.id]);
  await grantOffice(sys, { bodyId: w.cordon, personId: carmen.id, title: 'supply_officer' });
  sur = (await createBody(sys, { kind: 'supply_committee', name: 'JAP Sur', parentId: w.cordon })).id;
  await registerHousehold(sys, { committeeId: sur, ref: 'S-1', zone: 'La Legua', address: 'Pasaje 1', members: [{ name: 'Pedro Soto', birthDate: '1970-01-01' }, { name: 'Eva Soto', birthDate: '1972-02-02' }] });
  await registerHousehold(sys, { committeeId: sur, ref: 'S-2', zone: 'La Legua', address: 'Pasaje 2', members: [{ name: 'Raúl Lagos', birthDate: '1999-09-09' }] });
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** Flour delivered into a committee's stock by district deliveries. */
async function deliveredTo(committeeId: string): Promise<number> {
  const [row] = await s.testDb.db.query<{ q: string | null }>(
    `select sum(quantity)::text as q from stock_move where kind = 'delivery' and to_committee = $1 and reason like 'district delivery %'`,
    [committeeId],
  );
  return Number(row?.q ?? 0);
}

const row = (page: Page, committeeId: string) => page.locator(`tr[data-committee="${committeeId}"]`);

describe('a district shares out a delivery', () => {
  test('from her list to the cordón, a delivery typed with the keyboard, the shares per committee', async () => {
    const page = await openSignedIn(browser, s.url, 'carmen', carmen.password, desktop);
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'JAP' }).click();
    await page.getByRole('heading', { name: 'Tus distritos' }).waitFor();
    // She runs no committee herself; the cordón is listed with her office.
    await page.getByText('No tienes cargo de abastecimiento ni la presidencia en ninguna JAP.').waitFor();
    const district = page.locator('.committee', { hasText: 'Cordón Vicuña Mackenna' });
    expect(await district.textContent()).toContain('Encargado/a de abastecimiento');
    await page.screenshot({ path: screenshotPath('supply-district-list-desktop-es'), fullPage: true });
    await district.getByRole('link', { name: 'Repartir una entrega' }).click();
    await page.getByRole('heading', { name: 'Cordón Vicuña Mackenna', level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe('Entregas · Cordón Vicuña Mackenna · Cordón');
    await page.getByTestId('period').filter({ hasText: 'Semana 45' }).waitFor();

    // Nothing typed, then a thousands separator: refused beside the box, nothing sent.
    await page.getByRole('button', { name: 'Repartir la entrega' }).click();
    const quantity = page.getByLabel('Cantidad entregada (g)');
    await page.locator('#delivery-quantity-error', { hasText: 'Escribe cuánto llegó, en g.' }).waitFor();
    await page.locator('#delivery-quantity:focus').waitFor();
    expect(await quantity.getAttribute('aria-describedby')).toBe('delivery-quantity-hint delivery-quantity-error');
    await page.keyboard.type('5.000');
    await page.keyboard.press('Enter');
    await page.locator('#delivery-quantity-error', { hasText: 'número entero de g' }).waitFor();
    expect(await quantity.getAttribute('aria-invalid')).toBe('true');
    expect(await deliveredTo(w.norte)).toBe(0);

    // By keyboard: the good, the quantity, the method (max–min is chosen already), Enter.
    await page.getByLabel('Bien').selectOption({ label: 'Harina (g)' });
    await quantity.fill('5000');
    expect(await page.getByRole('radio', { name: 'Máximo-mínimo', exact: true }).isChecked()).toBe(true);
    await quantity.press('Enter');

    const result = page.getByTestId('delivery-result');
    await result.getByRole('heading', { name: 'Entrega repartida' }).waitFor();
    await page.locator('#delivery-result-heading:focus').waitFor();
    await result.getByText('Harina: 5.000 g repartidos entre 2 JAP.').waitFor();
    expect(await result.getByTestId('delivered').textContent()).toBe(grams(5000));
    expect(await result.getByTestId('undistributed').textContent()).toBe(grams(0));
    // The shares are what went into each committee's stock, and add up to the delivery.
    const norte = await deliveredTo(w.norte);
    const surShare = await deliveredTo(sur);
    expect(norte + surShare).toBe(5000);
    // Max–min: both committees at one level per equivalent adult, 5000 / 6.3 ≈ 794 g.
    expect(Math.abs(norte - (5000 * 3.8) / 6.3)).toBeLessThanOrEqual(1);
    // Rows by name: Norte then Sur, each with households, need, share and the share as a part of the need.
    expect(await result.locator('tbody th').allTextContents()).toEqual(['JAP Norte', 'JAP Sur']);
    expect(await row(page, w.norte).getByTestId('households').textContent()).toBe('3');
    expect(await row(page, w.norte).getByTestId('need').textContent()).toBe(grams(3800));
    expect(await row(page, w.norte).getByTestId('share').textContent()).toBe(grams(norte));
    expect(await row(page, w.norte).getByTestId('percent').textContent()).toBe('79 %');
    expect(await row(page, sur).getByTestId('households').textContent()).toBe('2');
    expect(await row(page, sur).getByTestId('need').textContent()).toBe(grams(2500));
    expect(await row(page, sur).getByTestId('share').textContent()).toBe(grams(surShare));
    const style = (await row(page, sur).locator('.supply-bar__collected').getAttribute('style')) ?? '';
    expect(parseFloat(/width:\s*([\d.]+)%/.exec(style)?.[1] ?? 'NaN')).toBeCloseTo((100 * surShare) / 2500, 1);
    // Ready for the next delivery: the box is empty, so Enter alone cannot deliver twice.
    expect(await quantity.inputValue()).toBe('');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('supply-district-shares-desktop-es'), fullPage: true });

    // The cordón's own page leads its supply officer here too.
    await page.getByRole('link', { name: 'Página del cuerpo' }).click();
    await page.getByRole('heading', { name: 'Cordón Vicuña Mackenna', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Repartir una entrega' }).click();
    await page.getByRole('heading', { name: 'Nueva entrega' }).waitFor();
    await page.context().close();
  });

  test('an answer lost on the way: pressing again sends the same key, and the delivery is recorded once', async () => {
    const page = await openSignedIn(browser, s.url, 'carmen', carmen.password, desktop);
    await page.goto(`${s.url}/#/supply/districts/${w.cordon}`);
    await page.getByRole('heading', { name: 'Cordón Vicuña Mackenna', level: 1 }).waitFor();
    const before = (await deliveredTo(w.norte)) + (await deliveredTo(sur));
    const keys: string[] = [];
    // The first request reaches the server, but its answer never reaches the page.
    await page.route('**/supply/districts/*/deliveries', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) {
        await route.fetch();
        await route.abort('failed');
      } else await route.continue();
    });
    // All by keyboard: the quantity, Tab to the methods, the arrow to the next one, Tab to the button.
    await page.getByLabel('Cantidad entregada (g)').focus();
    await page.keyboard.type('10000');
    await page.keyboard.press('Tab');
    await page.locator('input[name="delivery-method"][value="maxmin"]:focus').waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Proporcional', exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Repartir la entrega' }).and(page.locator(':focus')).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'No se sabe si la entrega se registró' }).waitFor();
    expect((await deliveredTo(w.norte)) + (await deliveredTo(sur))).toBe(before + 6300);
    await page.getByRole('button', { name: 'Repartir la entrega' }).click();
    const result = page.getByTestId('delivery-result');
    await result.getByRole('heading', { name: 'Entrega repartida' }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    // More than both need: every need met, the rest not shared out, and nothing recorded twice.
    expect(await result.getByTestId('delivered').textContent()).toBe(grams(6300));
    expect(await result.getByTestId('undistributed').textContent()).toBe(grams(3700));
    expect(await row(page, w.norte).getByTestId('percent').textContent()).toBe('100 %');
    expect((await deliveredTo(w.norte)) + (await deliveredTo(sur))).toBe(before + 6300);
    await page.context().close();
  });

  test('a refusal naming a field is written beside it; one about the district, in the alert', async () => {
    const page = await openSignedIn(browser, s.url, 'carmen', carmen.password, desktop);
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize(phone);
    await page.goto(`${s.url}/#/supply/districts/${w.cordon}`);
    await page.getByRole('heading', { name: 'Cordón Vicuña Mackenna', level: 1 }).waitFor();
    // The good was withdrawn meanwhile: the server names the field.
    await page.route('**/supply/districts/*/deliveries', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Invalid', status: 400, code: 'unknown_good', detail: 'good: no such good "flour"', errors: [{ field: 'good', reason: 'no such good "flour"' }] }),
      }),
    );
    await page.getByLabel('Quantity delivered (g)').fill('100');
    await page.getByRole('button', { name: 'Share out the delivery' }).click();
    await page.locator('#delivery-good-error', { hasText: 'There is no such good' }).waitFor();
    await page.locator('#delivery-good:focus').waitFor();
    expect(await page.locator('#delivery-good').getAttribute('aria-describedby')).toBe('delivery-good-hint delivery-good-error');
    expect(await page.locator('.form-alert').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('supply-district-refused-phone-en'), fullPage: true });
    await page.unroute('**/supply/districts/*/deliveries');

    // Marta runs JAP Norte, not the cordón: the page says so, and the server refuses her.
    const marta = await openSignedIn(browser, s.url, 'marta', w.people.marta!.password, phone);
    await marta.goto(`${s.url}/#/supply/districts/${w.cordon}`);
    await marta.getByText('No tienes cargo de abastecimiento ni la presidencia en este distrito').waitFor();
    await marta.getByLabel('Cantidad entregada (g)').fill('100');
    await marta.getByRole('button', { name: 'Repartir la entrega' }).click();
    await marta.getByRole('alert').filter({ hasText: 'No se registró la entrega.' }).waitFor();
    expect(await horizontalOverflow(marta)).toBe(0);
    await marta.context().close();

    // A real delivery on the phone, in English: each committee a card with its bar.
    await page.getByLabel('Quantity delivered (g)').fill('3150');
    await page.getByRole('button', { name: 'Share out the delivery' }).click();
    await page.getByTestId('delivery-result').getByText('Harina: 3,150 g shared among 2 committees.').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('supply-district-shares-phone-en'), fullPage: true });
    await page.context().close();
  });
});

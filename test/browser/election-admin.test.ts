import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { addMembers, createBody, grantOffice } from '../../src/councils/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addPeople, horizontalOverflow, inLanguage, openSignedIn, type TestPerson } from './app.js';
import { desktop, launchChromium, screenshotPath } from './chromium.js';

// A workplace under a cordón: Ana chairs it and calls the election of its delegate.
const clock = new ManualClock(new Date());
const phone360 = { width: 360, height: 740 };
let s: TestServer;
let browser: Browser;
let sumar = '';
const people: Record<string, TestPerson> = {};
const names: Record<string, string> = {
  ana: 'Ana María Rojas', beto: 'Beto Muñoz', carla: 'Carla Díaz', dario: 'Darío Soto', elena: 'Elena Silva',
};
const id = (n: string) => people[n]!.id;
const as = (n: string) => people[n]!.client;

beforeAll(async () => {
  browser = await launchChromium();
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  const sys = { ...s.system, clock };
  Object.assign(people, await addPeople(s, names));
  const cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón Cerrillos' })).id;
  sumar = (await createBody(sys, { kind: 'workplace', name: 'Sumar Algodón', parentId: cordon })).id;
  await addMembers(sys, sumar, Object.keys(names).map(id));
  await grantOffice(sys, { bodyId: sumar, personId: id('ana'), title: 'chair' });
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const signedIn = (name: string, viewport: { width: number; height: number }): Promise<Page> =>
  openSignedIn(browser, s.url, name, people[name]!.password, viewport);

describe('calling an election and reading its count', () => {
  let electionId = '';

  test('a member who is not the chair is told why the call is refused', async () => {
    const page = await signedIn('carla', desktop);
    await page.goto(`${s.url}/#/councils/${sumar}`);
    await page.getByRole('heading', { name: 'Sumar Algodón', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Convocar elección de delegados' }).click();
    await page.getByRole('button', { name: 'Convocar y abrir candidaturas' }).click();
    await page.getByRole('alert').filter({ hasText: 'Solo la presidencia del cuerpo puede hacer esto.' }).waitFor();
    await page.context().close();
  });

  test('the chair calls an election from the form; members vote; after the week the count shows stage by stage', async () => {
    const page = await signedIn('ana', desktop);
    await page.goto(`${s.url}/#/councils/${sumar}`);
    await page.getByRole('heading', { name: 'Sumar Algodón', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Convocar elección de delegados' }).click();
    const form = page.locator('form#call-election-form');
    await page.locator('#call-election-heading:focus').waitFor();
    for (const n of ['beto', 'carla', 'dario']) await form.getByRole('checkbox', { name: names[n] }).check();
    expect(await form.getByRole('radio', { name: 'Voto único transferible' }).isChecked()).toBe(true);
    await form.getByRole('radio', { name: 'Mayoría simple' }).waitFor();
    await form.getByRole('radio', { name: 'Método Schulze' }).waitFor();
    expect(await form.getByLabel('Días de votación').inputValue()).toBe('7');
    // A wrong number of days is caught before anything is sent.
    await form.getByLabel('Días de votación').fill('0');
    await form.getByRole('button', { name: 'Convocar y abrir la votación' }).click();
    await form.getByText('Escribe un número de días entre 1 y 365.').waitFor();
    await page.locator('#call-days:focus').waitFor();
    await form.getByLabel('Días de votación').fill('7');
    await page.screenshot({ path: screenshotPath('election-call-desktop-es'), fullPage: true });
    await form.getByRole('button', { name: 'Convocar y abrir la votación' }).click();

    await page.getByRole('heading', { name: 'Elección de delegados de Sumar Algodón', level: 1 }).waitFor();
    electionId = new URL(page.url()).hash.replace('#/elections/', '');
    await page.getByText('Votación abierta', { exact: true }).first().waitFor();
    expect(await page.locator('.candidate-list li').allTextContents()).toEqual(['Beto Muñoz', 'Carla Díaz', 'Darío Soto']);

    // Five ballots: Beto 2, Carla 2, Darío 1 first; the quota (Droop) is 3. Darío is
    // excluded, his ballot passes to Carla, who reaches the quota.
    const ballots: [string, string[]][] = [
      ['ana', ['beto', 'carla']], ['beto', ['beto']], ['carla', ['carla']], ['dario', ['dario', 'carla']], ['elena', ['carla', 'beto']],
    ];
    for (const [voter, ranking] of ballots) {
      const r = await as(voter).post(`/elections/${electionId}/ballots`, { ranking: ranking.map(id) });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    // The server's clock moves a week; the browser's does not, so the count goes by the API
    // and the page learns of it from the live stream.
    clock.advance(7 * 86_400_000 + 1000);
    const counted = await as('beto').post(`/elections/${electionId}/count`, {});
    expect(counted.body.elected, JSON.stringify(counted.body)).toEqual([id('carla')]);
    await page.getByText('Elegidos: Carla Díaz.').waitFor();

    const table = page.getByRole('table', { name: 'Votos de cada candidatura al final de cada etapa' });
    await table.waitFor();
    const region = page.getByRole('region', { name: 'Votos de cada candidatura al final de cada etapa' });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await table.locator('thead th').allTextContents()).toEqual(['Candidatura', 'Etapa 1', 'Etapa 2']);
    const row = (name: string) => table.locator('tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    expect(await row('Cuota').locator('td').allTextContents()).toEqual(['3', '3']);
    expect(await row('Carla Díaz').locator('td').nth(1).textContent()).toContain('✓ elegido/a');
    expect(await row('Darío Soto').locator('td').nth(1).textContent()).toContain('fuera');
    await row('Intransferibles').waitFor();
    await page.getByText('Cuota para resultar elegido/a: 3 votos.').waitFor();
    await page.getByText('Darío Soto queda fuera, por tener menos votos').waitFor();
    await page.getByText('Resulta elegido/a: Carla Díaz.').waitFor();
    await page.locator('.stages').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('election-stages-desktop-es'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await inLanguage(page, 'en');
    await page.getByRole('table', { name: 'Votes of each candidate at the end of each stage' }).getByRole('rowheader', { name: 'Quota' }).waitFor();
    await page.getByText('Darío Soto is excluded').waitFor();
    await page.context().close();
  });

  test('on a 360 px phone the stage table scrolls inside its own region, not the page', async () => {
    const page = await signedIn('beto', phone360);
    await page.goto(`${s.url}/#/elections/${electionId}`);
    const region = page.getByRole('region', { name: 'Votos de cada candidatura al final de cada etapa' });
    await region.waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('election-stages-phone-es'), fullPage: true });
    // The region scrolls sideways; the names stay in view.
    await region.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    expect(await region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await region.getByRole('rowheader', { name: 'Carla Díaz' }).isVisible()).toBe(true);
    await page.locator('.stages').screenshot({ path: screenshotPath('election-stages-scrolled-phone-es') });
    await page.context().close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Ctx } from '../../src/core/context.js';
import { addMembers, createBody, proposeMotion, sweepDueMotions, voteMotion } from '../../src/councils/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addPeople, horizontalOverflow, inLanguage, openSignedIn, type TestPerson } from './app.js';
import { desktop, launchChromium, screenshotPath } from './chromium.js';

// A workplace assembly, whose members vote in secret by its charter. Ana proposes a
// motion under "More options": two thirds, a quorum of 60 %, by name. Beto moves an
// amendment from the motion's page: the vote on the motion waits. The amendment is
// voted on (Ana in the browser, the others through the library), the sweep closes it
// a day later, and the motion's page shows the adopted text beside the one it replaced.
const clock = new ManualClock(new Date());
const phone360 = { width: 360, height: 740 };
let s: TestServer;
let sys: Ctx;
let browser: Browser;
const people: Record<string, TestPerson> = {};
let textil = '';
const names: Record<string, string> = { ana: 'Ana María Rojas', beto: 'Beto Muñoz', carla: 'Carla Díaz', dario: 'Darío Soto' };
const id = (n: string) => people[n]!.id;
const asPerson = (n: string): Ctx => ({ ...sys, actor: { kind: 'person', id: id(n), isAdmin: false } });

const oldText = 'Tres turnos de 8 horas, de lunes a sábado.\nCada sección elige su turno por sorteo.';
const newText = 'Cuatro turnos de 6 horas, de lunes a sábado, sin rebaja salarial.\nCada sección elige su turno por sorteo.';

beforeAll(async () => {
  browser = await launchChromium();
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  sys = { ...s.system, clock };
  Object.assign(people, await addPeople(s, names));
  textil = (await createBody(sys, { kind: 'workplace', name: 'Textil Progreso' })).id;
  await addMembers(sys, textil, Object.keys(names).map(id));
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const signedIn = (name: string, viewport: { width: number; height: number }): Promise<Page> =>
  openSignedIn(browser, s.url, name, people[name]!.password, viewport);

const motionId = (page: Page) => decodeURIComponent(new URL(page.url()).hash.replace('#/motions/', ''));

describe('amendments: moved before the vote, settled, and the adopted text replaces the old', () => {
  let motion = '';
  let amendment = '';
  let ana: Page;

  test('a motion with more options: two thirds, a quorum, by name', async () => {
    ana = await signedIn('ana', desktop);
    await ana.goto(`${s.url}/#/councils/${textil}`);
    await ana.getByRole('button', { name: 'Proponer una moción' }).click();
    await ana.getByLabel('Título').fill('Turnos de la planta');
    await ana.getByLabel('Texto', { exact: true }).fill(oldText);
    // The advanced fields wait behind "More options"; the line under it says the defaults.
    const rule = ana.getByTestId('propose-rule');
    expect(await rule.textContent()).toBe('Se aprueba con más de la mitad de los votos emitidos (sin contar las abstenciones). Quórum: el de los estatutos. Secreta o por nombre según los estatutos.');
    expect(await ana.getByLabel('Quórum (%)').isVisible()).toBe(false);
    await ana.locator('summary', { hasText: 'Más opciones' }).click();
    const secrecy = ana.getByLabel('Votación secreta o por nombre');
    expect(await secrecy.inputValue()).toBe('charter');
    await secrecy.selectOption({ label: 'Por nombre: se publica quién votó qué' });
    await ana.getByRole('radio', { name: /Dos tercios/ }).check();
    await ana.getByRole('radio', { name: /Los votos emitidos/ }).check();

    // A quorum above 100 % is refused beside its field; "More options" stays open to show it.
    await ana.getByLabel('Quórum (%)').fill('150');
    await ana.getByLabel('Días de votación').fill('3');
    await ana.getByRole('button', { name: 'Proponer la moción' }).click();
    await ana.locator('#propose-quorum:focus').waitFor();
    await ana.getByText('Escribe un porcentaje de 0 a 100, o déjalo vacío.').waitFor();
    expect(await ana.getByLabel('Quórum (%)').getAttribute('aria-describedby')).toBe('propose-quorum-error propose-quorum-hint');
    await ana.getByLabel('Quórum (%)').fill('60');
    expect(await rule.textContent()).toBe('Se aprueba con más de dos tercios de los votos emitidos (sin contar las abstenciones). Quórum: 60 % de quienes tienen derecho a voto. Votación por nombre.');
    await ana.screenshot({ path: screenshotPath('amendments-propose-more-desktop-es'), fullPage: true });
    await ana.getByRole('button', { name: 'Proponer la moción' }).click();

    await ana.getByRole('heading', { name: 'Turnos de la planta', level: 1 }).waitFor();
    motion = motionId(ana);
    await ana.getByText('Se aprueba con más de dos tercios de los votos emitidos (sin contar las abstenciones). Quórum: 60 % de quienes tienen derecho a voto.').waitFor();
    expect(await ana.locator('.body-meta .tag').textContent()).toBe('Por nombre');
    expect(await ana.getByTestId('motion-text').textContent()).toBe(oldText);
    expect(await ana.getByRole('button', { name: 'Votar', exact: true }).isDisabled()).toBe(false);
    await ana.getByRole('button', { name: 'Proponer una enmienda' }).waitFor();
  });

  test('another member moves an amendment from the motion page: the vote waits for it', async () => {
    const beto = await signedIn('beto', desktop);
    await beto.goto(`${s.url}/#/motions/${motion}`);
    await beto.getByRole('button', { name: 'Proponer una enmienda' }).click();
    await beto.locator('#amend-heading:focus').waitFor();
    // The textarea holds the motion's text, to be edited; unchanged, it is refused.
    const text = beto.getByLabel('Texto nuevo de la moción');
    expect(await text.inputValue()).toBe(oldText);
    await beto.getByRole('button', { name: 'Proponer la enmienda' }).click();
    await beto.locator('#amend-title:focus').waitFor();
    await beto.getByText('Cambia el texto: la enmienda propone uno distinto del actual.').waitFor();
    await beto.getByLabel('Título de la enmienda').fill('Cuatro turnos en vez de tres');
    await text.fill(newText);
    // It must close before the motion does: three days is too long.
    await beto.getByLabel('Días de votación de la enmienda').fill('3');
    await beto.getByRole('button', { name: 'Proponer la enmienda' }).click();
    await beto.getByText('Escribe un número de días entre 1 y 2.').waitFor();
    await beto.getByLabel('Días de votación de la enmienda').fill('1');
    await beto.screenshot({ path: screenshotPath('amendments-propose-desktop-es'), fullPage: true });
    await beto.getByRole('button', { name: 'Proponer la enmienda' }).click();

    await beto.getByText('Enmienda propuesta: la votación de la moción espera a que se resuelva.').waitFor();
    const item = beto.locator('.amendment');
    await item.getByRole('link', { name: 'Cuatro turnos en vez de tres' }).waitFor();
    await item.getByText(/^En votación hasta el /).waitFor();
    expect(await item.locator('.compare__text').textContent()).toBe(newText);
    amendment = decodeURIComponent((await item.getByRole('link').getAttribute('href'))!.replace('#/motions/', ''));

    // The vote is shown but held, and says why.
    await beto.getByText('Hay una enmienda abierta: la votación empieza cuando se resuelva.').waitFor();
    await beto.getByText('En espera: hay una enmienda abierta').waitFor();
    expect(await beto.getByRole('button', { name: 'Votar', exact: true }).isDisabled()).toBe(true);
    expect(await beto.getByRole('radio', { name: 'Sí' }).isDisabled()).toBe(true);
    await beto.screenshot({ path: '/tmp/amendment-pending.png', fullPage: true });
    await beto.screenshot({ path: screenshotPath('amendments-pending-desktop-es'), fullPage: true });

    // Ana's page, open all along, learns of it from the live stream.
    await ana.getByText('Hay una enmienda abierta: la votación empieza cuando se resuelva.').waitFor();
    expect(await ana.getByRole('button', { name: 'Votar', exact: true }).isDisabled()).toBe(true);

    // The server refuses the vote in so many words.
    const refused = await people.carla!.client.post(`/motions/${motion}/votes`, { choice: 0 });
    expect(refused).toMatchObject({ status: 409, body: { code: 'amendments_pending' } });
    await beto.context().close();
  });

  test('the amendment is voted on its own page; adopted, the motion shows the new text beside the old, struck', async () => {
    await ana.locator('.amendment').getByRole('link', { name: 'Cuatro turnos en vez de tres' }).click();
    await ana.getByRole('heading', { name: 'Cuatro turnos en vez de tres', level: 1 }).waitFor();
    await ana.getByRole('heading', { name: 'Enmienda a la moción: Turnos de la planta' }).waitFor();
    await ana.getByText('Texto actual de la moción').waitFor();
    expect(await ana.locator('.compare__text').allTextContents()).toEqual([oldText, newText]);
    expect(await ana.locator('.body-meta .tag').textContent()).toBe('Secreta'); // the charter's default
    await ana.getByRole('radio', { name: 'Sí' }).check();
    await ana.getByRole('button', { name: 'Votar', exact: true }).click();
    await ana.getByTestId('receipt').waitFor();
    await ana.screenshot({ path: screenshotPath('amendments-amendment-page-desktop-es'), fullPage: true });

    for (const voter of ['carla', 'dario']) await voteMotion(asPerson(voter), amendment, { choice: 0 });
    clock.advance(86_400_000 + 1000);
    expect(await sweepDueMotions(s.system.db, clock, s.system.ids, s.system.log)).toBeGreaterThanOrEqual(1);

    await ana.getByRole('link', { name: 'Turnos de la planta' }).click();
    await ana.getByRole('heading', { name: 'Turnos de la planta', level: 1 }).waitFor();
    await ana.getByTestId('motion-text').filter({ hasText: 'Cuatro turnos de 6 horas' }).waitFor();
    expect(await ana.getByTestId('motion-text').textContent()).toBe(newText);
    const item = ana.locator('.amendment');
    await item.getByText(/^Aprobada el .*: reemplazó el texto$/).waitFor();
    expect(await item.locator('del').textContent()).toBe(oldText);
    expect(await item.locator('ins').textContent()).toBe(newText);
    // Settled: the vote is open now, and the rule is still the one Ana chose.
    expect(await ana.getByText('Hay una enmienda abierta').count()).toBe(0);
    expect(await ana.getByRole('button', { name: 'Votar', exact: true }).isDisabled()).toBe(false);
    await ana.getByText('Votación abierta', { exact: true }).waitFor();
    await ana.screenshot({ path: '/tmp/amendment.png', fullPage: true });
    await ana.screenshot({ path: screenshotPath('amendments-applied-desktop-es'), fullPage: true });

    // Ana votes by name; once there is a vote, no more amendments.
    await ana.getByRole('radio', { name: 'Sí' }).check();
    await ana.getByRole('button', { name: 'Votar', exact: true }).click();
    await ana.getByText('Tu voto quedó registrado.').waitFor();
    await ana.locator('.rollcall').getByText('Ana María Rojas').waitFor();
    expect(await ana.getByRole('button', { name: 'Proponer una enmienda' }).count()).toBe(0);
    await expect(proposeMotion(asPerson('beto'), { bodyId: textil, title: 'Dos turnos', text: 'Dos turnos.', amends: motion, days: 1 }))
      .rejects.toMatchObject({ code: 'voting_started' });

    // In English too.
    await ana.getByRole('button', { name: 'English' }).click();
    await inLanguage(ana, 'en');
    await item.getByText(/^Adopted on .*: it replaced the text$/).waitFor();
    await item.getByText('Replaced text').waitFor();
    await ana.getByRole('heading', { name: 'Amendments' }).waitFor();
    await ana.getByRole('button', { name: 'Español' }).click();
    await ana.context().close();
  });

  test('on a 360 px phone the texts stack and nothing overflows', async () => {
    const page = await signedIn('dario', phone360);
    await page.goto(`${s.url}/#/motions/${motion}`);
    await page.locator('.amendment del').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    const [before, after] = await page.locator('.amendment .compare__side').all();
    expect((await after!.boundingBox())!.y).toBeGreaterThan((await before!.boundingBox())!.y);
    await page.screenshot({ path: screenshotPath('amendments-applied-phone-es'), fullPage: true });
    await page.context().close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Ctx } from '../../src/core/context.js';
import { addMembers, closeMotion, createBody, createSeats, grantOffice, proposeMotion, recordDelegate, voteMotion } from '../../src/councils/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addPeople, horizontalOverflow, inLanguage, openSignedIn, type TestPerson } from './app.js';
import { desktop, launchChromium, screenshotPath } from './chromium.js';

// A workplace assembly that sends Beto to a cordón. Ana chairs the workplace: she
// proposes a motion there, votes in secret in the browser, the others vote through the
// library, and once the window has passed the page shows the tally; then she forwards
// it to the cordón, where votes are by name, and mandates Beto, who votes otherwise.
const clock = new ManualClock(new Date());
const phone360 = { width: 360, height: 740 };
let s: TestServer;
let sys: Ctx;
let browser: Browser;
const people: Record<string, TestPerson> = {};
const body = { cordon: '', textil: '' };
const names: Record<string, string> = { ana: 'Ana María Rojas', beto: 'Beto Muñoz', carla: 'Carla Díaz', dario: 'Darío Soto', elena: 'Elena Silva' };
const id = (n: string) => people[n]!.id;
const asPerson = (n: string): Ctx => ({ ...sys, actor: { kind: 'person', id: id(n), isAdmin: false } });

beforeAll(async () => {
  browser = await launchChromium();
  s = await startTestServer({ clock, env: { CORDON_SESSION_TTL_HOURS: '2000' } });
  sys = { ...s.system, clock };
  Object.assign(people, await addPeople(s, names));
  body.cordon = (await createBody(sys, { kind: 'cordon', name: 'Cordón Cerrillos' })).id;
  body.textil = (await createBody(sys, { kind: 'workplace', name: 'Textil Progreso', parentId: body.cordon })).id;
  await addMembers(sys, body.textil, Object.keys(names).map(id));
  await grantOffice(sys, { bodyId: body.textil, personId: id('ana'), title: 'chair' });
  const [seat] = await createSeats(sys, body.textil);
  await recordDelegate(sys, { seatId: seat!.id, personId: id('beto') });
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const signedIn = (name: string, viewport: { width: number; height: number }): Promise<Page> =>
  openSignedIn(browser, s.url, name, people[name]!.password, viewport);

const motionId = (page: Page) => decodeURIComponent(new URL(page.url()).hash.replace('#/motions/', ''));

describe('motions: propose, vote in secret, tally, forward, mandate', () => {
  let motion: string;

  test('a member proposes a motion, votes and gets a receipt; after the window the page shows the tally', async () => {
    const page = await signedIn('ana', desktop);
    await page.goto(`${s.url}/#/councils/${body.textil}`);
    await page.getByRole('heading', { name: 'Mociones' }).waitFor();
    await page.getByText('Este cuerpo aún no ha votado mociones.').waitFor();

    await page.getByRole('button', { name: 'Proponer una moción' }).click();
    // An empty title is refused on the spot, tied to its field.
    await page.getByRole('button', { name: 'Proponer la moción' }).click();
    await page.locator('#propose-title:focus').waitFor();
    expect(await page.getByLabel('Título').getAttribute('aria-describedby')).toBe('propose-title-error');
    await page.getByLabel('Título').fill('Jornada de 40 horas sin rebaja salarial');
    await page.getByLabel('Texto').fill('Proponemos pedir al cordón que la jornada de 40 horas se aplique en todas las fábricas del área.');
    await page.locator('summary', { hasText: 'Más opciones' }).click();
    await page.getByRole('radio', { name: /Mayoría simple/ }).check();
    await page.getByLabel('Días de votación').fill('3');
    await page.screenshot({ path: screenshotPath('motions-propose-desktop-es'), fullPage: true });
    await page.getByRole('button', { name: 'Proponer la moción' }).click();

    await page.getByRole('heading', { name: 'Jornada de 40 horas sin rebaja salarial', level: 1 }).waitFor();
    motion = motionId(page);
    await page.getByText('Se aprueba con más de la mitad de los votos emitidos (sin contar las abstenciones). Quórum: 50 % de quienes tienen derecho a voto.').waitFor();
    await page.getByText('Votación abierta', { exact: true }).waitFor();
    expect(await page.locator('.body-meta .tag').textContent()).toBe('Secreta');

    // Voting without choosing says so; then Sí.
    await page.getByRole('button', { name: 'Votar', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Elige una opción.' }).waitFor();
    await page.getByRole('radio', { name: 'Sí' }).check();
    await page.screenshot({ path: screenshotPath('motions-vote-desktop-es'), fullPage: true });
    await page.getByRole('button', { name: 'Votar', exact: true }).click();
    await page.locator('#receipt-heading:focus').waitFor();
    expect((await page.getByTestId('receipt').textContent())!.trim()).toMatch(/^R-/);
    expect(await page.getByRole('link', { name: 'Verificar mi voto' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('motions-receipt-desktop-es'), fullPage: true });

    // Voting twice is refused, in words about a motion.
    await page.reload();
    await page.getByRole('radio', { name: 'No' }).check();
    await page.getByRole('button', { name: 'Votar', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Ya votaste esta moción' }).waitFor();

    // The others vote through the library: two more yes, one no, one stays away.
    for (const [voter, choice] of [['beto', 0], ['carla', 1], ['dario', 0]] as const) {
      expect((await voteMotion(asPerson(voter), motion, { choice })).receipt).toMatch(/^R-/);
    }
    clock.advance(3 * 86_400_000 + 1000);
    await page.locator('.live--open').waitFor();
    await closeMotion(sys, motion); // the live stream brings the result
    await page.getByTestId('motion-verdict').filter({ hasText: 'Aprobada: «Sí».' }).waitFor();
    await page.getByText('Cerrada: el resultado es definitivo').waitFor();
    await page.getByText('Votaron 4 de 5 votos posibles. Hubo quórum (50 %).').waitFor();
    const rows = page.locator('.tally__row');
    expect(await rows.locator('.tally__count').allTextContents()).toEqual(['3 votos (75 %)', '1 voto (25 %)', '0 votos (0 %)']);
    expect(await rows.first().textContent()).toContain('aprobada');
    expect(await page.locator('.tally__fill').first().getAttribute('style')).toContain('width: 75%');
    // A secret vote has no roll call.
    expect(await page.getByRole('heading', { name: 'Votación por nombre' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('motions-tally-desktop-es'), fullPage: true });

    // The body's list says it was adopted.
    await page.getByRole('link', { name: 'Textil Progreso' }).click();
    const item = page.locator('.motion-list li').filter({ hasText: 'Jornada de 40 horas' });
    await item.getByText('Aprobada: Sí').waitFor();
    await item.getByText('Secreta').waitFor();
    await page.screenshot({ path: screenshotPath('motions-body-desktop-es'), fullPage: true });

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await inLanguage(page, 'en');
    await item.getByText('Adopted: Yes').waitFor();
    await item.getByRole('link').click();
    await page.getByTestId('motion-verdict').filter({ hasText: 'Adopted: “Yes”.' }).waitFor();
    await page.getByText('Adopted with more than half of the votes cast').waitFor();
    await page.screenshot({ path: screenshotPath('motions-tally-desktop-en'), fullPage: true });
    await page.getByRole('button', { name: 'Español' }).click();
    await page.context().close();
  });

  test('the chair forwards it to the cordón, mandates the delegate, and the roll call shows his vote', async () => {
    const page = await signedIn('ana', desktop);
    await page.goto(`${s.url}/#/motions/${motion}`);
    await page.getByRole('button', { name: 'Reenviar al cuerpo superior' }).click();
    await page.getByText('Moción de Cordón Cerrillos').waitFor();
    const forwarded = motionId(page);
    expect(forwarded).not.toBe(motion);
    expect(await page.locator('.body-meta .tag').textContent()).toBe('Por nombre');
    await page.getByRole('link', { name: 'ver la moción original' }).waitFor();

    await page.getByRole('heading', { name: 'Mandatar a nuestros delegados de Textil Progreso' }).waitFor();
    await page.getByLabel('Nuestros delegados deben votar').selectOption({ label: 'Sí' });
    await page.getByRole('button', { name: 'Dar el mandato' }).click();
    await page.getByText('Mandato registrado: los delegados de Textil Progreso deben votar «Sí».').waitFor();
    // Ana does not sit in the cordón: she cannot vote there.
    await page.getByText('Solo los miembros de Cordón Cerrillos votan esta moción.').waitFor();

    expect(await voteMotion(asPerson('beto'), forwarded, { choice: 1 })).toEqual({ breach: true });
    await page.reload();
    const row = page.locator('.rollcall tbody tr');
    await row.getByText('Beto Muñoz').waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['No', '1']);
    await page.screenshot({ path: screenshotPath('motions-rollcall-desktop-es'), fullPage: true });
    await page.context().close();
  });

  test('on a 360 px phone: a ranked vote, and the tally', async () => {
    const ranked = await proposeMotion(asPerson('carla'), {
      bodyId: body.textil, title: 'Turno del comedor', text: 'Cómo repartir los turnos del comedor.',
      options: ['Por sección', 'Por orden de llegada', 'Rotativo'], kind: 'ranking', days: 2,
    });
    const page = await signedIn('elena', phone360);
    await page.goto(`${s.url}/#/motions/${ranked.id}`);
    await page.getByRole('heading', { name: 'Turno del comedor', level: 1 }).waitFor();
    await page.getByText('método Schulze', { exact: false }).first().waitFor();
    const ballot = page.locator('form.ballot');
    await ballot.getByRole('button', { name: 'Añadir Rotativo' }).click();
    await ballot.getByRole('button', { name: 'Añadir Por sección' }).click();
    await ballot.getByRole('button', { name: 'Subir «Por sección»' }).click();
    expect(await ballot.locator('.ballot__name').allTextContents()).toEqual(['Por sección', 'Rotativo']);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('motions-ranking-phone-es'), fullPage: true });
    await ballot.getByRole('button', { name: 'Emitir mi voto' }).click();
    await page.getByTestId('receipt').waitFor();

    for (const [voter, ranking] of [['ana', [2, 0]], ['beto', [0, 1, 2]], ['dario', [0]]] as const)
      await voteMotion(asPerson(voter), ranked.id, { ranking: [...ranking] });
    clock.advance(2 * 86_400_000 + 1000);
    await closeMotion(sys, ranked.id);
    await page.reload();
    await page.getByTestId('motion-verdict').filter({ hasText: 'Aprobada: «Por sección».' }).waitFor();
    expect((await page.locator('.order li').allTextContents())[0]).toBe('Por sección');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('motions-ranking-result-phone-es'), fullPage: true });

    // The yes/no motion's tally on the phone.
    await page.goto(`${s.url}/#/motions/${motion}`);
    await page.getByTestId('motion-verdict').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('motions-tally-phone-es'), fullPage: true });

    await page.goto(`${s.url}/#/councils/${body.textil}`);
    await page.getByRole('button', { name: 'Proponer una moción' }).click();
    await page.getByRole('radio', { name: 'Otras opciones' }).check();
    await page.getByLabel('Opciones, una por línea').fill('Norte');
    await page.getByLabel('Título').fill('Dónde abrir la sala cuna');
    await page.getByRole('button', { name: 'Proponer la moción' }).click();
    await page.getByText('Escribe al menos dos opciones.').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: screenshotPath('motions-propose-phone-es'), fullPage: true });
    await page.context().close();
  });
});

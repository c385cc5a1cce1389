import { PDFDocument } from 'pdf-lib';
import { describe, expect, test } from 'vitest';
import { A4 } from './card-sheet.js';
import { distributionListPdf, rowsPerPage, type DistributionInput } from './distribution-list.js';
import { pageTexts } from './page-text.js';

const GOODS = ['harina:g', 'leche:ml', 'aceite:ml', 'arroz:g', 'azúcar:g', 'jabón:piece', 'porotos:g', 'té:g', 'fideos:g', 'pañales:piece', 'sal:g', 'yerba:g', 'café:g', 'lentejas:g'].map((g) => {
  const [code, unit] = g.split(':');
  return { code: code!, unit: unit! };
});

function input(households: number, goods: number, extra: Partial<DistributionInput> = {}): DistributionInput {
  return {
    committee: 'JAP Norte',
    period: { name: 'Semana 45', starts: '2026-11-02', ends: '2026-11-08' },
    goods: GOODS.slice(0, goods),
    rows: Array.from({ length: households }, (_, i) => ({
      ref: `N-${i + 1}`,
      card: `7KQ4-M2XR${i % 10}A`,
      people: 1 + (i % 5),
      rations: GOODS.slice(0, goods).map((_, g) => 1000 * (1 + (i % 5)) + g),
      collected: GOODS.slice(0, goods).map((_, g) => (i % 2 ? 500 + g : 0)),
    })),
    ...extra,
  };
}

const sizes = async (pdf: Uint8Array) => (await PDFDocument.load(pdf)).getPages().map((p) => [Math.round(p.getWidth()), Math.round(p.getHeight())]);

describe('the distribution list', () => {
  test('120 households and 3 goods: portrait A4 pages, the head on every page, page numbers, totals at the end', async () => {
    const pdf = await distributionListPdf(input(120, 3, { printed: '2026-11-02' }));
    const perPage = rowsPerPage(A4[1]);
    const pages = Math.ceil((120 + 1) / perPage); // the totals take a row
    expect(await sizes(pdf)).toEqual(Array(pages).fill([595, 842]));
    const texts = await pageTexts(pdf);
    texts.forEach((t, i) => {
      expect(t).toContain('Lista de distribución — JAP Norte');
      expect(t).toContain('Período: Semana 45 · 2026-11-02 – 2026-11-08');
      expect(t).toContain('harina (g)\nración (queda)');
      expect(t).toContain('Firma de quien retira');
      expect(t).toContain(`p. ${i + 1}/${pages}`);
    });
    expect(texts[0]).toContain('N-1\n7KQ4-M2XR0A\n1\n1.000 (1.000)\n1.001 (1.001)\n1.002 (1.002)');
    expect(texts[0]).toContain('N-2\n7KQ4-M2XR1A\n2\n2.000 (1.500)'); // 500 collected of 2000
    // totals: people 1+2+3+4+5 per five households; rations 3000 per household on average
    expect(texts.at(-1)).toContain('Total\n120 hogares\n360\n360.000 (330.000)');
    expect(texts.slice(0, -1).join('')).not.toContain('Total');
  });

  test('many goods turn the page to landscape; more than fit there go one above the other, then to parts', async () => {
    expect(await sizes(await distributionListPdf(input(10, 6)))).toEqual([[842, 595]]);
    const many = await distributionListPdf(input(10, 14, { lang: 'en' }));
    const texts = await pageTexts(many);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts[0]).toContain('goods 1–');
    expect(texts.at(-1)).toContain('of 14');
    expect(texts.join('\n')).toContain('lentejas (g)');
    expect(texts[0]).toContain('jabón (pcs)');
    // stacked: the ration and what is left on two lines
    expect(texts[0]).toContain('1,000\n(1,000)');
    expect(texts.every((t, i) => t.includes(`p. ${i + 1}/${texts.length}`))).toBe(true);
  });

  test('a committee name WinAnsi cannot fully encode is printed with a stand-in, not refused', async () => {
    const [text] = await pageTexts(await distributionListPdf(input(2, 2, { committee: 'Ñuñoa — “Población” 🙂' })));
    expect(text).toContain('Lista de distribución — Ñuñoa — “Población” ?');
  });

  test('no households: one page that says so', async () => {
    const pdf = await distributionListPdf(input(0, 3));
    const texts = await pageTexts(pdf);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Ningún hogar tiene raciones calculadas en este período.');
  });

  test('rows must have a number per good', async () => {
    const bad = input(1, 2);
    await expect(distributionListPdf({ ...bad, rows: [{ ...bad.rows[0]!, rations: [1] }] })).rejects.toThrow(RangeError);
  });
});

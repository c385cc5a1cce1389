import { PDFDocument } from 'pdf-lib';
import { describe, expect, test } from 'vitest';
import { cardCodeFrom } from '../card-code.js';
import { A4, cardSheetPdf, CARDS_PER_PAGE, QR_MODULE } from './card-sheet.js';
import { pageTexts } from './page-text.js';

const codes = (n: number) => Array.from({ length: n }, (_, i) => cardCodeFrom(Uint8Array.from([i, i >> 8, 7, 11, 13, 17])));
const MM = 72 / 25.4;

describe('a sheet of ration cards', () => {
  test('23 cards are three A4 pages of ten, every code and the committee on them', async () => {
    const cards = codes(23).map((code) => ({ code, committee: 'JAP Villa Francia' }));
    const pdf = await cardSheetPdf(cards);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(3);
    for (const page of doc.getPages()) {
      expect(page.getWidth()).toBeCloseTo(A4[0], 1);
      expect(page.getHeight()).toBeCloseTo(A4[1], 1);
    }
    const texts = await pageTexts(pdf);
    cards.forEach((c, i) => expect(texts[Math.floor(i / CARDS_PER_PAGE)]).toContain(c.code));
    expect(texts[2]!.match(/JAP Villa Francia/g)).toHaveLength(3);
    expect(texts[2]).toContain('Tarjeta de abastecimiento — JAP');
    expect(texts[2]).toContain('tarjetas 21–23 de 23 · p. 3/3');
  });

  test('English labels; a committee name WinAnsi cannot fully encode is printed, not refused', async () => {
    const pdf = await cardSheetPdf([{ code: codes(1)[0]!, committee: 'Ñuñoa — “Población” 🙂' }], { lang: 'en' });
    const [text] = await pageTexts(pdf);
    expect(text).toContain('Ration card — JAP supply committee');
    expect(text).toContain('Ñuñoa — “Población” ?');
  });

  test('no cards: one page that says so', async () => {
    const pdf = await cardSheetPdf([]);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    expect(await pageTexts(pdf)).toEqual(['No hay tarjetas que imprimir.']);
  });

  test('the same cards give the same bytes (no clock in the file)', async () => {
    const cards = codes(3).map((code) => ({ code, committee: 'JAP Norte' }));
    expect(Buffer.from(await cardSheetPdf(cards)).equals(Buffer.from(await cardSheetPdf(cards)))).toBe(true);
  });

  test('QR modules are large enough for a phone camera', () => {
    expect(QR_MODULE / MM).toBeGreaterThanOrEqual(0.5);
  });
});

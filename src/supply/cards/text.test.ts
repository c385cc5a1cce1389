import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, test } from 'vitest';
import { decodeWinAnsi, formatWhole, toWinAnsi, WIN_ANSI } from './text.js';

describe('text for the standard fonts', () => {
  test('our WinAnsi set is the one pdf-lib encodes for Helvetica and Courier', async () => {
    const doc = await PDFDocument.create();
    for (const name of [StandardFonts.Helvetica, StandardFonts.HelveticaBold, StandardFonts.Courier, StandardFonts.CourierBold]) {
      const font = await doc.embedFont(name);
      expect(new Set(font.getCharacterSet().filter((cp) => cp >= 0x20))).toEqual(WIN_ANSI);
    }
  });

  test('Spanish is kept as it is; what WinAnsi lacks is replaced', () => {
    expect(toWinAnsi('¿Dónde está el pingüino? ¡Ñandú!')).toBe('¿Dónde está el pingüino? ¡Ñandú!');
    expect(toWinAnsi('Ñuñoa — “Población” 🙂')).toBe('Ñuñoa — “Población” ?');
    expect(toWinAnsi('Łódź, Dvořák, Erdős, 東京')).toBe('Lódz, Dvorák, Erdos, ??');
    expect(toWinAnsi('a\tb\nc\u200bd 👍🏽 e\u0301')).toBe('a b cd ? é'); // tab, newline; zero-width space; skin tone; a combining accent
    expect(toWinAnsi('−5 km')).toBe('-5 km');
  });

  test('whatever the text, the result is encodable and a standard font can draw it', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const safe = toWinAnsi(s);
        for (const ch of safe) expect(WIN_ANSI.has(ch.codePointAt(0)!)).toBe(true);
        expect(() => font.encodeText(safe)).not.toThrow();
        expect(decodeWinAnsi(Uint8Array.from([...safe].map((c) => [...Buffer.from(font.encodeText(c).toString().slice(1, -1), 'hex')][0]!)))).toBe(safe);
      }),
    );
  });

  test('numbers are grouped as each language writes them', () => {
    expect([0, 850, 1800, 12500, 1234567].map((n) => formatWhole(n, 'es'))).toEqual(['0', '850', '1.800', '12.500', '1.234.567']);
    expect(formatWhole(-12500, 'en')).toBe('-12,500');
  });
});

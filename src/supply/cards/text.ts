import type { PDFFont } from 'pdf-lib';

/**
 * Text for the PDF standard fonts (Helvetica, Courier), which pdf-lib encodes in
 * WinAnsi (Windows-1252): printable ASCII, Latin-1 (á é í ó ú ñ ü ¿ ¡ …) and 27 more
 * (— – “ ” ‘ ’ … € …). pdf-lib throws on anything else, and names typed by people hold
 * anything, so every string is made encodable first: a letter WinAnsi lacks loses its
 * accent (ő → o, č → c), a few look-alikes are swapped (− → -), invisible joiners and
 * selectors go, control characters become spaces, and whatever is left (🙂, 中) is "?".
 */
// bytes 0x80–0x9F of Windows-1252 (five are unused: left as C1 controls)
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export const WIN_ANSI: ReadonlySet<number> = new Set([
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  ...[...HIGH].map((c) => c.codePointAt(0)!).filter((cp) => cp > 0x9f),
]);

/** WinAnsi bytes back to text (Node's TextDecoder reads "windows-1252" as Latin-1). */
export function decodeWinAnsi(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '\u2212': '-', // minus
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '–', // figure dash
  '\u2015': '—', // horizontal bar
  '\u2032': "'", // prime
  '\u2033': '"', // double prime
  Ł: 'L', // letters with a stroke do not decompose
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
};

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const encodable = (t: string) => [...t].every((c) => WIN_ANSI.has(c.codePointAt(0)!));

/** `text` with every character WinAnsi can encode, the rest replaced as described above: one "?" for each character as a reader sees it (👍🏽 is one). */
export function toWinAnsi(text: string): string {
  if (encodable(text)) return text; // the usual case, and far quicker than segmenting
  let out = '';
  for (const { segment } of graphemes.segment(text.normalize('NFC'))) {
    if (encodable(segment)) out += segment;
    else if (segment in LOOK_ALIKES) out += LOOK_ALIKES[segment];
    else if (/^[\p{Cc}\p{Z}]+$/u.test(segment)) out += ' ';
    else {
      // drop accents, joiners and selectors; keep the base letter if WinAnsi has it
      const base = segment.normalize('NFD').replace(/[\p{M}\p{Cf}\u{FE00}-\u{FE0F}]/gu, '');
      out += !base ? '' : encodable(base) ? base : (LOOK_ALIKES[base] ?? '?');
    }
  }
  return out;
}

/** `text` (already WinAnsi) cut to `maxWidth` at `size`, ending in "…" when cut. */
export function fitText(font: PDFFont, text: string, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (font.widthOfTextAtSize(chars.slice(0, mid).join('').trimEnd() + '…', size) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}

/** `text` (already WinAnsi) broken at spaces into lines of at most `maxWidth`; a word too long for a line is cut with "…". */
export function wrapText(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= maxWidth) line = next;
    else {
      if (line) lines.push(line);
      line = fitText(font, word, size, maxWidth);
    }
  }
  if (line) lines.push(line);
  return lines;
}

export type Lang = 'es' | 'en';

/** Whole numbers with the language's digit grouping, as written in Chile and in English: 1.800 (es), 1,800 (en). */
export function formatWhole(n: number, lang: Lang): string {
  const digits = String(Math.abs(Math.trunc(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'es' ? '.' : ',');
  return (n < 0 ? '-' : '') + grouped;
}

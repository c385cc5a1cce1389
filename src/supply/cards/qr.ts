import qrcode from 'qrcode-generator';

/** A QR symbol as its modules: `dark[row][col]`, row 0 at the top; no quiet zone. */
export interface QrMatrix {
  /** Modules per side: 17 + 4 × version (21 for version 1). */
  size: number;
  version: number;
  dark: boolean[][];
}

/** The four modules of blank margin the QR standard (ISO/IEC 18004 §6.3.8) asks for on every side. */
export const QUIET_ZONE = 4;

// the QR alphanumeric set: upper-case letters, digits, space and $%*+-./:
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * The QR code of `text` at error correction level M (15 % of the symbol may be lost),
 * in the smallest version that holds it. Card codes (`7KQ4-M2XR9`) are upper-case
 * letters, digits and a dash, so they go in alphanumeric mode (5.5 bits a character)
 * and fit version 1, 21 × 21 modules; anything else goes as UTF-8 bytes.
 */
export function qrMatrix(text: string): QrMatrix {
  const qr = qrcode(0, 'M');
  if (ALPHANUMERIC.test(text)) qr.addData(text, 'Alphanumeric');
  // the library takes one byte per character (the low 8 bits): hand it the UTF-8 bytes
  else qr.addData(String.fromCharCode(...new TextEncoder().encode(text)), 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const dark = Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => qr.isDark(r, c)));
  return { size, version: (size - 17) / 4, dark };
}

/** Horizontal runs of dark modules, row by row: one filled rectangle each instead of one per module. */
export function darkRuns(m: QrMatrix): { row: number; col: number; length: number }[] {
  const runs: { row: number; col: number; length: number }[] = [];
  m.dark.forEach((cells, row) => {
    let start = -1;
    for (let col = 0; col <= m.size; col++) {
      if (col < m.size && cells[col]) {
        if (start < 0) start = col;
      } else if (start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  });
  return runs;
}

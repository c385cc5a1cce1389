import { PDFDocument, StandardFonts, grayscale, type PDFFont, type PDFPage } from 'pdf-lib';
import { A4 } from './card-sheet.js';
import { fitText, formatWhole, toWinAnsi, type Lang } from './text.js';

/**
 * The distribution list a committee's desk works from during a period: one row per
 * household (reference, card code, people; per good the ration and, in brackets, what
 * is left to collect) and a column for the signature of whoever collects. A4, portrait
 * when the goods fit across it and landscape when they do not; when they do not fit
 * across landscape either, the goods are split into parts, each part the whole list
 * again with the next goods. The page heading and the column heads repeat on every
 * page, every page says "p. k/n", and the totals close each part.
 */
export interface DistributionInput {
  committee: string;
  period: { name: string; starts: string; ends: string };
  /** In the period's order; `rations` and `collected` of each row follow it. */
  goods: readonly { code: string; unit: string }[];
  rows: readonly DistributionRow[];
  lang?: Lang;
  /** The day printed (YYYY-MM-DD), shown in the heading when given. */
  printed?: string;
}

export interface DistributionRow {
  ref: string;
  card: string;
  people: number;
  rations: readonly number[];
  collected: readonly number[];
}

interface ListLabels {
  title: string;
  period: string;
  printed: string;
  ref: string;
  card: string;
  people: string;
  each: string;
  signature: string;
  total: string;
  households: (n: number) => string;
  units: Readonly<Record<string, string>>;
  part: (from: number, to: number, n: number) => string;
  empty: string;
  legend: string;
}

export const LIST_LABELS: Readonly<Record<Lang, ListLabels>> = {
  es: {
    title: 'Lista de distribución',
    period: 'Período',
    printed: 'Impresa el',
    ref: 'Ref.',
    card: 'Tarjeta',
    people: 'Pers.',
    each: 'ración (queda)',
    signature: 'Firma de quien retira',
    total: 'Total',
    households: (n) => `${n} ${n === 1 ? 'hogar' : 'hogares'}`,
    units: { piece: 'unid.' },
    part: (from, to, n) => `bienes ${from}–${to} de ${n}`,
    empty: 'Ningún hogar tiene raciones calculadas en este período.',
    legend: 'ración (queda): lo asignado al hogar en el período y, entre paréntesis, lo que le falta retirar, en g, ml o unidades; –: sin ración.',
  },
  en: {
    title: 'Distribution list',
    period: 'Period',
    printed: 'Printed',
    ref: 'Ref.',
    card: 'Card',
    people: 'People',
    each: 'ration (left)',
    signature: 'Signature',
    total: 'Total',
    households: (n) => `${n} ${n === 1 ? 'household' : 'households'}`,
    units: { piece: 'pcs' },
    part: (from, to, n) => `goods ${from}–${to} of ${n}`,
    empty: 'No household has rations computed in this period.',
    legend: "ration (left): the household's ration for the period and, in brackets, what it has still to collect, in g, ml or pieces; –: no ration.",
  },
};

const MARGIN = 36; // half an inch: inside every printer's reach
const BODY = 9;
const HEAD = 7.5;
const ROW = 22; // room to sign: 7.8 mm
const HEAD_ROW = 24;
const HEADING = 44; // title and period lines above the table
const FOOTER = 24;
const CELL = 4; // padding left and right in a cell
const MIN_SIGNATURE = 84; // 30 mm to sign in
const MIN_REF = 28;
/** A reference is cut with "…" only when the page has no room for it, and kept to this much when choosing portrait or landscape. */
const SHORT_REF = 64;
const MIN_GOOD = 40;
const STACKED = 8; // the size of a good's two numbers when they stand one above the other

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

interface Column {
  head: string[];
  width: number;
  align: 'left' | 'right';
  mono?: boolean;
  /** A good's ration and what is left as two lines rather than "ration (left)" on one. */
  stacked?: boolean;
}

/** Rows of households that fit on one page of the given size, under the heading and above the footer. */
export function rowsPerPage(pageHeight: number): number {
  return Math.floor((pageHeight - 2 * MARGIN - HEADING - HEAD_ROW - FOOTER) / ROW);
}

export async function distributionListPdf(input: DistributionInput): Promise<Uint8Array> {
  const lang = input.lang ?? 'es';
  const labels = LIST_LABELS[lang];
  for (const [i, r] of input.rows.entries())
    if (r.rations.length !== input.goods.length || r.collected.length !== input.goods.length)
      throw new RangeError(`rows[${i}]: rations and collected must have one number per good (${input.goods.length})`);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`${labels.title} — ${input.committee} — ${input.period.name}`);
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.CourierBold),
  };
  const n = (x: number) => formatWhole(x, lang);
  // "ration (left)" on one line, or the two numbers one above the other; nothing to hand out
  // is a dash, so the goods a household does get stand out
  const cellLines = (ration: number, collected: number, stacked = false) =>
    ration === 0 ? ['–'] : stacked ? [n(ration), `(${n(ration - collected)})`] : [`${n(ration)} (${n(ration - collected)})`];
  const totals = input.goods.map((_, g) => input.rows.reduce((a, r) => a + r.rations[g]!, 0));
  const collected = input.goods.map((_, g) => input.rows.reduce((a, r) => a + r.collected[g]!, 0));
  const people = input.rows.reduce((a, r) => a + r.people, 0);

  // fixed columns, sized to what they hold (the reference gets what is left, up to what it needs)
  const refs = input.rows.map((r) => toWinAnsi(r.ref));
  const widest = (font: PDFFont, size: number, texts: readonly string[]) => Math.max(0, ...texts.map((t) => font.widthOfTextAtSize(t, size)));
  const refNeeds = Math.max(widest(fonts.regular, BODY, refs), widest(fonts.bold, BODY, [labels.total]), MIN_REF) + 2 * CELL;
  const cardTexts = [...input.rows.map((r) => r.card), 'XXXX-XXXXXX'];
  const card: Column = { head: [labels.card], width: Math.max(widest(fonts.mono, BODY, cardTexts), widest(fonts.bold, BODY, [labels.households(input.rows.length)])) + 2 * CELL, align: 'left', mono: true };
  const persons: Column = { head: [labels.people], width: Math.max(widest(fonts.bold, HEAD, [labels.people]), widest(fonts.bold, BODY, [n(people)])) + 2 * CELL, align: 'right' };
  const goodsColumns = (stacked: boolean): Column[] =>
    input.goods.map((g, i) => {
      const head = [toWinAnsi(`${g.code} (${labels.units[g.unit] ?? g.unit})`), labels.each];
      const size = stacked ? STACKED : BODY;
      const cells = input.rows.flatMap((r) => cellLines(r.rations[i]!, r.collected[i]!, stacked));
      const total = cellLines(totals[i]!, collected[i]!, stacked);
      return { head, width: Math.max(widest(fonts.bold, HEAD, head), widest(fonts.regular, size, cells), widest(fonts.bold, size, total), MIN_GOOD) + 2 * CELL, align: 'right', stacked };
    });

  // portrait if it all fits, else landscape; else each good's two numbers one above the other;
  // goods that still do not fit go to further parts
  const fixedWidth = (ref: number) => ref + card.width + persons.width;
  const room = (pageWidth: number, cols: readonly Column[]) => pageWidth - 2 * MARGIN - fixedWidth(Math.min(refNeeds, SHORT_REF)) - cols.reduce((a, c) => a + c.width, 0) - MIN_SIGNATURE;
  const inline = goodsColumns(false);
  const [size, goods]: [[number, number], Column[]] =
    room(A4[0], inline) >= 0 ? [[A4[0], A4[1]], inline] : room(A4[1], inline) >= 0 ? [[A4[1], A4[0]], inline] : [[A4[1], A4[0]], goodsColumns(true)];
  const parts: number[][] = [];
  let part: number[] = [];
  goods.forEach((col, i) => {
    if (part.length && room(size[0], [...part.map((j) => goods[j]!), col]) < 0) {
      parts.push(part);
      part = [];
    }
    part.push(i);
  });
  if (part.length || !parts.length) parts.push(part);

  const perPage = rowsPerPage(size[1]);
  // each part: its rows, then the totals row (which may start a page of its own)
  const pagesOfPart = Math.max(1, Math.ceil((input.rows.length + 1) / perPage));
  const pageCount = pagesOfPart * parts.length;
  let pageNo = 0;
  for (const goodsHere of parts) {
    const goodsWidth = goodsHere.reduce((a, j) => a + goods[j]!.width, 0);
    const refWidth = Math.max(MIN_REF + 2 * CELL, Math.min(refNeeds, size[0] - 2 * MARGIN - fixedWidth(0) - goodsWidth - MIN_SIGNATURE));
    const signature = size[0] - 2 * MARGIN - fixedWidth(refWidth) - goodsWidth;
    const columns: Column[] = [{ head: [labels.ref], width: refWidth, align: 'left' }, card, persons, ...goodsHere.map((j) => goods[j]!), { head: [labels.signature], width: signature, align: 'left' }];
    for (let p = 0; p < pagesOfPart; p++) {
      const page = doc.addPage(size);
      pageNo++;
      let y = size[1] - MARGIN;
      y = drawHeading(page, fonts, input, labels, parts.length > 1 ? labels.part(goodsHere[0]! + 1, goodsHere.at(-1)! + 1, goods.length) : '', y);
      y = drawHeadRow(page, fonts, columns, y);
      const from = p * perPage;
      const rows = input.rows.slice(from, from + perPage);
      rows.forEach((r, k) => {
        const cells = [[refs[from + k]!], [r.card], [n(r.people)], ...goodsHere.map((j) => cellLines(r.rations[j]!, r.collected[j]!, goods[j]!.stacked)), []];
        drawRow(page, fonts, columns, cells, y, (from + k) % 2 === 1 ? 0.93 : null);
        y -= ROW;
      });
      if (!input.rows.length) {
        page.drawText(toWinAnsi(labels.empty), { x: MARGIN + CELL, y: y - ROW / 2 - 3, size: BODY, font: fonts.regular });
        y -= ROW;
      }
      if (p === pagesOfPart - 1) {
        page.drawLine({ start: { x: MARGIN, y }, end: { x: size[0] - MARGIN, y }, thickness: 0.8 });
        const cells = [[labels.total], [labels.households(input.rows.length)], [n(people)], ...goodsHere.map((j) => cellLines(totals[j]!, collected[j]!, goods[j]!.stacked)), []];
        drawRow(page, { ...fonts, regular: fonts.bold, mono: fonts.bold }, columns, cells, y, null, true);
      }
      drawFooter(page, fonts, labels, size, pageNo, pageCount);
    }
  }
  return doc.save();
}

function drawHeading(page: PDFPage, fonts: Fonts, input: DistributionInput, labels: ListLabels, part: string, top: number): number {
  const width = page.getWidth() - 2 * MARGIN;
  const right = input.printed ? toWinAnsi(`${labels.printed} ${input.printed}`) : '';
  const rightWidth = right ? fonts.regular.widthOfTextAtSize(right, BODY) : 0;
  const title = fitText(fonts.bold, toWinAnsi(`${labels.title} — ${input.committee}`), 14, width - rightWidth - 12);
  page.drawText(title, { x: MARGIN, y: top - 14, size: 14, font: fonts.bold });
  if (right) page.drawText(right, { x: page.getWidth() - MARGIN - rightWidth, y: top - 14, size: BODY, font: fonts.regular, color: grayscale(0.3) });
  const p = input.period;
  const line = toWinAnsi(`${labels.period}: ${p.name} · ${p.starts} – ${p.ends}${part ? ` · ${part}` : ''}`);
  page.drawText(fitText(fonts.regular, line, 10, width), { x: MARGIN, y: top - 31, size: 10, font: fonts.regular });
  return top - HEADING;
}

function drawHeadRow(page: PDFPage, fonts: Fonts, columns: readonly Column[], top: number): number {
  page.drawRectangle({ x: MARGIN, y: top - HEAD_ROW, width: page.getWidth() - 2 * MARGIN, height: HEAD_ROW, color: grayscale(0.82) });
  let x = MARGIN;
  for (const col of columns) {
    col.head.forEach((text, i) => {
      const font = i === 0 ? fonts.bold : fonts.regular;
      const t = fitText(font, toWinAnsi(text), HEAD, col.width - 2 * CELL);
      const w = font.widthOfTextAtSize(t, HEAD);
      const lines = col.head.length;
      const y = top - HEAD_ROW / 2 + (lines - 1) * 4.5 - i * 9 - HEAD * 0.36;
      page.drawText(t, { x: col.align === 'right' ? x + col.width - CELL - w : x + CELL, y, size: HEAD, font });
    });
    x += col.width;
  }
  return top - HEAD_ROW;
}

function drawRow(page: PDFPage, fonts: Fonts, columns: readonly Column[], cells: readonly (readonly string[])[], top: number, shade: number | null, totals = false): void {
  const width = page.getWidth() - 2 * MARGIN;
  if (shade !== null) page.drawRectangle({ x: MARGIN, y: top - ROW, width, height: ROW, color: grayscale(shade) });
  if (!totals) page.drawLine({ start: { x: MARGIN, y: top - ROW }, end: { x: MARGIN + width, y: top - ROW }, thickness: 0.3, color: grayscale(0.6) });
  let x = MARGIN;
  columns.forEach((col, i) => {
    const font = col.mono ? fonts.mono : fonts.regular;
    const lines = cells[i] ?? [];
    const size = lines.length > 1 ? STACKED : BODY;
    lines.forEach((line, k) => {
      const text = fitText(font, toWinAnsi(line), size, col.width - 2 * CELL);
      const w = font.widthOfTextAtSize(text, size);
      // one line centred in the row; two lines 9 pt apart around the centre
      const y = top - ROW / 2 - size * 0.36 + ((lines.length - 1) / 2 - k) * (size + 1);
      page.drawText(text, { x: col.align === 'right' ? x + col.width - CELL - w : x + CELL, y, size, font });
    });
    x += col.width;
    // a rule between columns, so a row is easy to follow across the page
    if (i < columns.length - 1) page.drawLine({ start: { x, y: top }, end: { x, y: top - ROW }, thickness: 0.3, color: grayscale(0.75) });
  });
}

function drawFooter(page: PDFPage, fonts: Fonts, labels: ListLabels, size: readonly [number, number], pageNo: number, pages: number): void {
  const number = `p. ${pageNo}/${pages}`;
  const w = fonts.bold.widthOfTextAtSize(number, BODY);
  page.drawText(number, { x: size[0] - MARGIN - w, y: MARGIN - 2, size: BODY, font: fonts.bold });
  page.drawText(fitText(fonts.regular, toWinAnsi(labels.legend), 7, size[0] - 2 * MARGIN - w - 16), { x: MARGIN, y: MARGIN - 2, size: 7, font: fonts.regular, color: grayscale(0.35) });
}

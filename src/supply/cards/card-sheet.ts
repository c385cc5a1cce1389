import { PDFDocument, StandardFonts, concatTransformationMatrix, fill, grayscale, popGraphicsState, pushGraphicsState, rectangle, setFillingGrayscaleColor, type PDFFont, type PDFPage } from 'pdf-lib';
import { darkRuns, qrMatrix, QUIET_ZONE } from './qr.js';
import { fitText, toWinAnsi, wrapText, type Lang } from './text.js';

/**
 * A sheet of ration cards to print on A4 and cut: credit-card size (ISO/IEC 7810 ID-1,
 * 85.6 × 54 mm), two across and five down, cut marks in the margins. A card carries the
 * committee's name, the card code large enough to read out and type, and the same code
 * as a QR code for the desk's camera — and nothing about the household: a card that is
 * lost tells its finder nothing, and the committee revokes it and issues another.
 */
export interface CardToPrint {
  code: string;
  committee: string;
}

export interface CardLabels {
  title: string;
  code: string;
  /** The small print on the card, under the code. */
  notice: string;
  /** What a sheet with no cards says. */
  empty: string;
  /** The page line in the bottom margin: cards from–to of n, page k of m. */
  page: (from: number, to: number, n: number, page: number, pages: number) => string;
}

export const CARD_LABELS: Readonly<Record<Lang, CardLabels>> = {
  es: {
    title: 'Tarjeta de abastecimiento — JAP',
    code: 'Código',
    notice: 'Presente esta tarjeta al retirar su ración. Si la pierde, avise a su JAP: se anula y se le entrega otra.',
    empty: 'No hay tarjetas que imprimir.',
    page: (from, to, n, page, pages) => `tarjetas ${from}–${to} de ${n} · p. ${page}/${pages}`,
  },
  en: {
    title: 'Ration card — JAP supply committee',
    code: 'Code',
    notice: 'Show this card when you collect your ration. If you lose it, tell your JAP: it is cancelled and you get a new one.',
    empty: 'There are no cards to print.',
    page: (from, to, n, page, pages) => `cards ${from}–${to} of ${n} · p. ${page}/${pages}`,
  },
};

export interface CardSheetOptions {
  lang?: Lang;
  /** Override any of the language's labels. */
  labels?: Partial<CardLabels>;
}

const MM = 72 / 25.4;
export const A4: readonly [number, number] = [210 * MM, 297 * MM];
export const CARD_WIDTH = 85.6 * MM;
export const CARD_HEIGHT = 54 * MM;
export const CARDS_ACROSS = 2;
export const CARDS_DOWN = 5;
export const CARDS_PER_PAGE = CARDS_ACROSS * CARDS_DOWN;
/** 1 mm modules: a version-1 code is 21 mm across (29 mm with its quiet zone); phone cameras read 0.5 mm. */
export const QR_MODULE = 1 * MM;

const PAD = 4 * MM;
const MARGIN_X = (A4[0] - CARDS_ACROSS * CARD_WIDTH) / 2; // 19.4 mm
const MARGIN_Y = (A4[1] - CARDS_DOWN * CARD_HEIGHT) / 2; // 13.5 mm
const MARK_GAP = 2 * MM;
const MARK_LENGTH = 6 * MM;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

/**
 * The cards, in the order given, ten to an A4 page. An empty list gives one page that
 * says there is nothing to print (a file a person opens should say so, not be blank).
 * Deterministic: the same cards give the same bytes (no dates in the file).
 */
export async function cardSheetPdf(cards: readonly CardToPrint[], options: CardSheetOptions = {}): Promise<Uint8Array> {
  const labels = { ...CARD_LABELS[options.lang ?? 'es'], ...options.labels };
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(labels.title);
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.CourierBold),
  };
  if (!cards.length) {
    const page = doc.addPage([...A4]);
    const text = toWinAnsi(labels.empty);
    page.drawText(text, { x: (A4[0] - fonts.bold.widthOfTextAtSize(text, 14)) / 2, y: A4[1] / 2, size: 14, font: fonts.bold });
    return doc.save();
  }
  const pages = Math.ceil(cards.length / CARDS_PER_PAGE);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([...A4]);
    const onPage = cards.slice(p * CARDS_PER_PAGE, (p + 1) * CARDS_PER_PAGE);
    onPage.forEach((card, i) => {
      const col = i % CARDS_ACROSS;
      const row = Math.floor(i / CARDS_ACROSS); // row 0 at the top
      drawCard(page, fonts, labels, card, MARGIN_X + col * CARD_WIDTH, A4[1] - MARGIN_Y - (row + 1) * CARD_HEIGHT);
    });
    drawCutMarks(page);
    const from = p * CARDS_PER_PAGE + 1;
    const line = toWinAnsi(labels.page(from, from + onPage.length - 1, cards.length, p + 1, pages));
    page.drawText(line, { x: MARGIN_X + MARK_LENGTH, y: 5 * MM, size: 6.5, font: fonts.regular, color: grayscale(0.35) });
  }
  return doc.save();
}

/** One card with its lower-left corner at (x, y). */
function drawCard(page: PDFPage, fonts: Fonts, labels: CardLabels, card: CardToPrint, x: number, y: number): void {
  const ink = grayscale(0);
  const soft = grayscale(0.35);
  // a hairline outline, pale, for whoever cuts with scissors rather than along the marks
  page.drawRectangle({ x, y, width: CARD_WIDTH, height: CARD_HEIGHT, borderColor: grayscale(0.8), borderWidth: 0.3 });
  const inner = CARD_WIDTH - 2 * PAD;
  const top = y + CARD_HEIGHT - PAD;
  page.drawText(fitText(fonts.bold, toWinAnsi(labels.title), 9, inner), { x: x + PAD, y: top - 9 * 0.72, size: 9, font: fonts.bold, color: ink });
  // a long committee name shrinks a little before it is cut
  const committee = toWinAnsi(card.committee);
  let nameSize = 9;
  while (nameSize > 7.5 && fonts.regular.widthOfTextAtSize(committee, nameSize) > inner) nameSize -= 0.25;
  page.drawText(fitText(fonts.regular, committee, nameSize, inner), { x: x + PAD, y: top - 9 * 0.72 - 12, size: nameSize, font: fonts.regular, color: ink });
  const ruleY = top - 9 * 0.72 - 18;
  page.drawLine({ start: { x: x + PAD, y: ruleY }, end: { x: x + CARD_WIDTH - PAD, y: ruleY }, thickness: 0.6, color: grayscale(0.55) });

  // the QR code in the lower right corner, its quiet zone inside the card
  const qr = qrMatrix(card.code);
  const side = qr.size * QR_MODULE;
  const quiet = QUIET_ZONE * QR_MODULE;
  const qx = x + CARD_WIDTH - quiet - side;
  const qy = y + quiet;
  page.pushOperators(
    pushGraphicsState(),
    setFillingGrayscaleColor(0),
    // drawn in module units (whole numbers), scaled and moved into place: runs meet exactly
    concatTransformationMatrix(QR_MODULE, 0, 0, QR_MODULE, qx, qy),
    ...darkRuns(qr).map((r) => rectangle(r.col, qr.size - 1 - r.row, r.length, 1)),
    fill(),
    popGraphicsState(),
  );

  // the left column stops 2 mm short of the quiet zone: bold glyphs overhang their advance
  const column = qx - quiet - 2 * MM - (x + PAD);
  const notice = wrapText(fonts.regular, toWinAnsi(labels.notice), 6.5, column).slice(0, 4);
  notice.forEach((line, i) => page.drawText(line, { x: x + PAD, y: y + PAD + (notice.length - 1 - i) * 8, size: 6.5, font: fonts.regular, color: soft }));
  // the code, as large as the column allows, centred between the rule and the small print
  const code = toWinAnsi(card.code);
  let size = 20;
  while (size > 8 && fonts.mono.widthOfTextAtSize(code, size) > column) size -= 0.5;
  const capital = size * 0.57; // Courier's cap height
  const block = 7 + 3 + capital; // caption, gap, code
  const below = y + PAD + notice.length * 8;
  const blockTop = (ruleY + below + block) / 2;
  page.drawText(toWinAnsi(labels.code), { x: x + PAD, y: blockTop - 7 * 0.72, size: 7, font: fonts.regular, color: soft });
  page.drawText(code, { x: x + PAD, y: blockTop - block, size, font: fonts.mono, color: ink });
}

/** Short marks in the margins on the line of every card edge, clear of the cards themselves. */
function drawCutMarks(page: PDFPage): void {
  const mark = { thickness: 0.4, color: grayscale(0) };
  const left = MARGIN_X;
  const right = MARGIN_X + CARDS_ACROSS * CARD_WIDTH;
  const bottom = MARGIN_Y;
  const top = MARGIN_Y + CARDS_DOWN * CARD_HEIGHT;
  for (let c = 0; c <= CARDS_ACROSS; c++) {
    const x = MARGIN_X + c * CARD_WIDTH;
    page.drawLine({ start: { x, y: top + MARK_GAP }, end: { x, y: top + MARK_GAP + MARK_LENGTH }, ...mark });
    page.drawLine({ start: { x, y: bottom - MARK_GAP }, end: { x, y: bottom - MARK_GAP - MARK_LENGTH }, ...mark });
  }
  for (let r = 0; r <= CARDS_DOWN; r++) {
    const y = MARGIN_Y + r * CARD_HEIGHT;
    page.drawLine({ start: { x: left - MARK_GAP, y }, end: { x: left - MARK_GAP - MARK_LENGTH, y }, ...mark });
    page.drawLine({ start: { x: right + MARK_GAP, y }, end: { x: right + MARK_GAP + MARK_LENGTH, y }, ...mark });
  }
}
